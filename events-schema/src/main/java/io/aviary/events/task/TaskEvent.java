package io.aviary.events.task;

import io.aviary.events.AviaryEvent;

/** An event of the Task aggregate. Every one carries the task type so consumers need not look it up. */
public interface TaskEvent extends AviaryEvent {

    /** The task's id. */
    String taskId();

    /** The task's type, e.g. {@code noop}. */
    String type();

    @Override
    default String aggregateId() {
        return taskId();
    }
}
