package io.aviary.command.task;

import io.aviary.events.task.TaskStatus;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.aviary.command.task.TaskTransitions.Action.ASSIGN;
import static io.aviary.command.task.TaskTransitions.Action.CANCEL;
import static io.aviary.command.task.TaskTransitions.Action.COMPLETE;
import static io.aviary.command.task.TaskTransitions.Action.REASSIGN;
import static io.aviary.command.task.TaskTransitions.Action.REQUEUE;
import static io.aviary.command.task.TaskTransitions.Action.START;
import static io.aviary.command.task.TaskTransitions.Action.TIME_OUT;

/**
 * Which command a task accepts in which status, in one table (after JobRunr's
 * {@code AllowedJobStateStateChanges}). Whether a report names the current attempt and worker is checked on top of
 * this by {@link TaskAggregate}.
 */
final class TaskTransitions {

    /** What a command does to a task, and the status it leads to. */
    enum Action {
        /** Give a waiting task to a worker: ASSIGNED. */
        ASSIGN,
        /** Move an assigned task to another worker: ASSIGNED (new attempt). */
        REASSIGN,
        /** The worker started the attempt: RUNNING. */
        START,
        /** The worker reported the outcome: COMPLETED, or RETRY_SCHEDULED / DEAD_LETTERED after a failure. */
        COMPLETE,
        /** The attempt took too long: RETRY_SCHEDULED or DEAD_LETTERED. */
        TIME_OUT,
        /** Take the attempt back from a worker that went away: QUEUED. */
        REQUEUE,
        /** Stop the task for good: CANCELLED. */
        CANCEL
    }

    private static final Map<TaskStatus, Set<Action>> ALLOWED = new EnumMap<>(TaskStatus.class);

    static {
        ALLOWED.put(TaskStatus.QUEUED, EnumSet.of(ASSIGN, CANCEL));
        // COMPLETE without START is accepted: an agent's start report may be lost, its outcome still counts.
        ALLOWED.put(TaskStatus.ASSIGNED, EnumSet.of(START, COMPLETE, TIME_OUT, REQUEUE, REASSIGN, CANCEL));
        ALLOWED.put(TaskStatus.RUNNING, EnumSet.of(COMPLETE, TIME_OUT, REQUEUE, CANCEL));
        ALLOWED.put(TaskStatus.RETRY_SCHEDULED, EnumSet.of(ASSIGN, CANCEL));
        ALLOWED.put(TaskStatus.COMPLETED, EnumSet.noneOf(Action.class));
        ALLOWED.put(TaskStatus.DEAD_LETTERED, EnumSet.noneOf(Action.class));
        ALLOWED.put(TaskStatus.CANCELLED, EnumSet.noneOf(Action.class));
    }

    private TaskTransitions() {
    }

    static boolean isAllowed(TaskStatus status, Action action) {
        return ALLOWED.get(status).contains(action);
    }

    static Set<Action> allowedIn(TaskStatus status) {
        return Collections.unmodifiableSet(ALLOWED.get(status));
    }
}
