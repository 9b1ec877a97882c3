package io.aviary.command.task;

import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskReassigned;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The current attempt of a task, read from its events, for a WORKER person who completes a task without naming the
 * attempt. Only a default for the command: the aggregate still checks attempt and worker, so a reassignment in
 * between makes the report stale (409), never a report on someone else's attempt.
 */
@Component
class AssignedAttempts {

    private final EventStore events;

    AssignedAttempts(EventStore events) {
        this.events = events;
    }

    /** The number of the task's latest assignment; 0 if it was never assigned (or does not exist). */
    int currentAttempt(String taskId) {
        AtomicInteger attempt = new AtomicInteger();
        events.readEvents(taskId).asStream().forEach(message -> {
            if (message.getPayload() instanceof TaskAssigned assigned) {
                attempt.set(assigned.attempt());
            } else if (message.getPayload() instanceof TaskReassigned reassigned) {
                attempt.set(reassigned.attempt());
            }
        });
        return attempt.get();
    }
}
