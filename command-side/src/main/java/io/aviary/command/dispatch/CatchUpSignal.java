package io.aviary.command.dispatch;

/**
 * Whether the {@link FleetView} has caught up with the head of the event stream. Before that, the view is
 * half-replayed (tasks look waiting whose assignment is still ahead in the stream), so nobody may act on it.
 */
@FunctionalInterface
public interface CatchUpSignal {

    /** {@code true} once the view has seen every event that existed when its processor started; stays true. */
    boolean isCaughtUp();
}
