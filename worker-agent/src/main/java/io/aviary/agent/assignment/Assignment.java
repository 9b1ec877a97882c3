package io.aviary.agent.assignment;

import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskReassigned;

import java.util.Map;

/**
 * What the agent needs to run one attempt, taken from a {@code TaskAssigned} or {@code TaskReassigned} event and kept
 * in the processed-assignment log, so an accepted attempt can be resumed without Kafka.
 *
 * @param taskId    the task
 * @param type      its type
 * @param attempt   the attempt number
 * @param payload   executor input
 * @param timeoutMs how long the attempt may run (0: no limit)
 */
public record Assignment(String taskId, String type, int attempt, Map<String, Object> payload, long timeoutMs) {

    public Assignment {
        payload = payload == null ? Map.of() : payload;
    }

    public static Assignment of(TaskAssigned event) {
        return new Assignment(event.taskId(), event.type(), event.attempt(), event.payload(), event.timeoutMs());
    }

    public static Assignment of(TaskReassigned event) {
        return new Assignment(event.taskId(), event.type(), event.attempt(), event.payload(), event.timeoutMs());
    }

    public AttemptKey key() {
        return new AttemptKey(taskId, attempt);
    }
}
