package io.aviary.command.area;

import io.aviary.command.CommandRejectedException;

/** An AREA refused a fire; nothing changed. The reason tells a webhook answer apart from a duplicate. */
public class FireRejectedException extends CommandRejectedException {

    /** Why a fire was refused. */
    public enum Reason {
        /** The fire id was seen (a replayed delivery), or the instant is not after the last scheduled fire. */
        DUPLICATE,
        /** The AREA is paused. */
        PAUSED,
        /** The AREA is deleted, or the fire does not match it (another trigger kind, another service). */
        GONE,
        /** Too many executions of the AREA are still running. */
        BUSY
    }

    private final Reason reason;

    public FireRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
