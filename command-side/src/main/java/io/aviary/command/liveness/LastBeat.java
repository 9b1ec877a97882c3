package io.aviary.command.liveness;

import io.aviary.events.liveness.Heartbeat;

import java.time.Instant;

/**
 * The latest heartbeat of a worker.
 *
 * @param heartbeat what the agent sent
 * @param at        when it counts as sent: the agent's {@code sentAt}, but never later than when it was received (an
 *                  agent clock running ahead must not buy a worker extra life). An old beat read again from the
 *                  compacted topic keeps its old time, so a restart does not revive a dead worker. Assumes clocks
 *                  agree to well within the silence limit (NTP).
 */
public record LastBeat(Heartbeat heartbeat, Instant at) {

    /** The beat as received at {@code receivedAt}. */
    public static LastBeat of(Heartbeat heartbeat, Instant receivedAt) {
        Instant sentAt = heartbeat.sentAt();
        return new LastBeat(heartbeat, sentAt == null || sentAt.isAfter(receivedAt) ? receivedAt : sentAt);
    }

    /** Whether every slot of the worker runs a task. */
    public boolean allSlotsBusy() {
        return heartbeat.busySlots() >= heartbeat.slots();
    }
}
