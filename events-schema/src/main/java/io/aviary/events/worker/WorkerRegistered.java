package io.aviary.events.worker;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A worker joined the fleet, bound to a hardware id.
 *
 * @param workerId     id of the worker (deterministic from {@code name})
 * @param name         unique name
 * @param hardwareId   hashed hardware id the name is bound to
 * @param slots        tasks it runs at once
 * @param maxQueue     tasks it accepts beyond its slots
 * @param taskTypes    task types it runs
 * @param labels       labels that tasks can require
 * @param registeredAt when it registered
 */
public record WorkerRegistered(String workerId, String name, String hardwareId, int slots, int maxQueue,
                               List<String> taskTypes, Map<String, String> labels, Instant registeredAt)
        implements WorkerEvent {
}
