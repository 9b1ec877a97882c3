package io.aviary.projections.rebuild;

/**
 * The live consumer, as a rebuild needs it: paused while the rebuilt collections catch up with the topic's end and
 * are swapped in, so that no live write lands in a collection about to be replaced (and none is lost). The live
 * consumer resumes from its committed offsets; events the rebuilt collections already hold are skipped by their
 * idempotence.
 */
public interface LiveProjection {

    /** Returns once the live consumer has finished its batch and stopped polling. Called and released on one thread. */
    void pause();

    /** Lets the live consumer go on. Called after every {@link #pause()}, also after a failure. */
    void resume();

    /** No live consumer (an app started without one, e.g. a tool): nothing to pause. */
    LiveProjection NONE = new LiveProjection() {
        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }
    };
}
