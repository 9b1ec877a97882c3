package io.aviary.agent.assignment;

/**
 * One attempt of one task: the unit of idempotence. Every assignment (and reassignment) has a new attempt number, so
 * a redelivered event maps to the same key and a new assignment of the same task to a new one.
 */
public record AttemptKey(String taskId, int attempt) {

    @Override
    public String toString() {
        return taskId + "#" + attempt;
    }
}
