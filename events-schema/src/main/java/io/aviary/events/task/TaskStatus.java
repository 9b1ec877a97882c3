package io.aviary.events.task;

/** Status of a task as shown by the read models. */
public enum TaskStatus {
    QUEUED,
    ASSIGNED,
    RUNNING,
    COMPLETED,
    RETRY_SCHEDULED,
    DEAD_LETTERED,
    CANCELLED;

    /** Whether no further change can happen. */
    public boolean isFinal() {
        return this == COMPLETED || this == DEAD_LETTERED || this == CANCELLED;
    }
}
