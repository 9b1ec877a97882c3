package io.aviary.events.task;

/** How an attempt ended. SUCCESS and WARNING complete the task; FAILURE retries or dead-letters it. */
public enum Outcome {
    SUCCESS,
    WARNING,
    FAILURE;

    /** Whether the task is done (no retry). */
    public boolean completesTask() {
        return this != FAILURE;
    }
}
