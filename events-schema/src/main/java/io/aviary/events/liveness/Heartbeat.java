package io.aviary.events.liveness;

import java.time.Instant;

/**
 * What an agent publishes on {@link io.aviary.events.Topics#WORKER_LIVENESS} (compacted, key = worker id) every
 * heartbeat interval. Not an event: only the latest value per worker matters.
 *
 * @param workerId  the worker
 * @param name      its name
 * @param slots     its slots
 * @param busySlots slots running a task right now
 * @param sentAt    when the agent sent it
 */
public record Heartbeat(String workerId, String name, int slots, int busySlots, Instant sentAt) {
}
