package io.aviary.command.dispatch;

import io.aviary.events.worker.WorkerState;

import java.time.Instant;

/**
 * A worker as the dispatcher's fleet view knows it at one moment (read by the liveness monitor).
 *
 * @param workerId   the worker
 * @param name       its name
 * @param state      its current state
 * @param stateSince when it entered that state
 * @param upSince    when it last became up (registered, or came back from DOWN/DEREGISTERED)
 * @param slots      tasks it runs at once
 * @param maxQueue   tasks it accepts beyond its slots
 * @param active     attempts it holds (assigned or started, not finished)
 * @param hardwareId the hardware it is bound to ({@code person:…} for a person, who sends no heartbeats)
 */
public record WorkerSnapshot(String workerId, String name, WorkerState state, Instant stateSince, Instant upSince,
                             int slots, int maxQueue, int active, String hardwareId) {

    /** Hardware ids of person-workers (issue 5) start with this. */
    public static final String PERSON_HARDWARE_PREFIX = "person:";

    /** Whether this is a person rather than a machine: no agent, no heartbeats. */
    public boolean isPerson() {
        return hardwareId != null && hardwareId.startsWith(PERSON_HARDWARE_PREFIX);
    }

    /** Whether the worker is expected to heartbeat (AVAILABLE, WORKING, DRAINING, UPDATING). */
    public boolean isUp() {
        return TrackedWorker.isUp(state);
    }
}
