package io.aviary.events.worker;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A worker's parameters changed (e.g. an agent restarted with other settings).
 *
 * @param workerId  the worker
 * @param slots     tasks it runs at once
 * @param maxQueue  tasks it accepts beyond its slots
 * @param taskTypes task types it runs
 * @param labels    labels that tasks can require
 * @param changedAt when
 */
public record WorkerCapacityChanged(String workerId, int slots, int maxQueue, List<String> taskTypes,
                                    Map<String, String> labels, Instant changedAt) implements WorkerEvent {
}
