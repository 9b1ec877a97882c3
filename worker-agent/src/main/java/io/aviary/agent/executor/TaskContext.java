package io.aviary.agent.executor;

import java.time.Duration;
import java.util.Map;

/**
 * One attempt of a task as an executor sees it.
 *
 * @param taskId   the task
 * @param type     its type
 * @param attempt  attempt number, 1 for the first assignment
 * @param workerId the worker running it (this agent)
 * @param payload  the task's input as submitted (JSON object)
 * @param timeout  how long the attempt may run; {@link Duration#ZERO} for no limit. The agent interrupts the
 *                 executor when it is over, executors need not enforce it themselves.
 */
public record TaskContext(String taskId, String type, int attempt, String workerId, Map<String, Object> payload,
                          Duration timeout) {

    public TaskContext {
        payload = payload == null ? Map.of() : payload;
        timeout = timeout == null ? Duration.ZERO : timeout;
    }

    /** A payload field as a string, or {@code fallback} when absent. */
    public String stringParam(String name, String fallback) {
        Object value = payload.get(name);
        return value == null ? fallback : value.toString();
    }

    /**
     * A payload field as a long, or {@code fallback} when absent.
     *
     * @throws IllegalArgumentException when present but not a whole number
     */
    public long longParam(String name, long fallback) {
        Object value = payload.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("payload." + name + " must be a whole number, got '" + value + "'");
        }
    }
}
