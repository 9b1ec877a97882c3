package io.aviary.command.person;

import io.aviary.command.dispatch.WorkerSnapshot;
import io.aviary.command.worker.WorkerCommands.DeregisterWorker;
import io.aviary.command.worker.WorkerCommands.RegisterWorker;
import io.aviary.events.worker.WorkerIds;

import java.util.Map;

/** What makes a person's worker: its id, hardware id and capacity. */
public final class PersonWorkers {

    /** Hardware ids of person-workers start with this; the liveness monitor never marks them DOWN. */
    public static final String HARDWARE_PREFIX = WorkerSnapshot.PERSON_HARDWARE_PREFIX;
    /** Labels of every person-worker (a task can require a person with {@code requiredLabels}). */
    public static final Map<String, String> LABELS = Map.of("kind", "person");

    private PersonWorkers() {
    }

    /** The hardware id a person's worker is bound to. */
    public static String hardwareId(String userId) {
        return HARDWARE_PREFIX + userId;
    }

    static RegisterWorker register(String userId, String username, PersonWorkerProperties properties) {
        return new RegisterWorker(WorkerIds.forName(username), username, hardwareId(userId), properties.slots(),
                properties.maxQueue(), properties.taskTypes(), LABELS);
    }

    static DeregisterWorker deregister(String username) {
        return deregister(username, "role WORKER removed");
    }

    static DeregisterWorker deregister(String username, String reason) {
        return new DeregisterWorker(WorkerIds.forName(username), reason);
    }
}
