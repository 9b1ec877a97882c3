package io.aviary.events.worker;

import java.time.Instant;

/**
 * A worker moved from one state to another.
 *
 * @param workerId  the worker
 * @param from      previous state
 * @param to        new state
 * @param reason    why, for humans (e.g. {@code missed 3 heartbeats})
 * @param changedAt when
 */
public record WorkerStateChanged(String workerId, WorkerState from, WorkerState to, String reason, Instant changedAt)
        implements WorkerEvent {
}
