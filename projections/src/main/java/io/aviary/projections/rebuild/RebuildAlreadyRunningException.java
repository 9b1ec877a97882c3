package io.aviary.projections.rebuild;

/** A rebuild of this read model is running already (409). */
public class RebuildAlreadyRunningException extends RuntimeException {

    private final transient RebuildProgress running;

    public RebuildAlreadyRunningException(RebuildProgress running) {
        super("A rebuild of " + running.name() + " is running already (" + running.processed() + " of "
                + running.total() + " offsets)");
        this.running = running;
    }

    public RebuildProgress running() {
        return running;
    }
}
