package io.aviary.command.dispatch;

import io.aviary.command.task.TaskCommands.RequeueTask;
import io.aviary.command.task.TaskCommands.TimeOutTask;
import io.aviary.events.worker.WorkerState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Takes attempts back from workers that cannot finish them, without Axon or threads.
 * <ul>
 *   <li>The holder is DOWN or DEREGISTERED: {@link RequeueTask}. Not the task's fault, so not a failure; this
 *       wins over a time-out of the same attempt.</li>
 *   <li>The attempt is overdue (see {@link OpenAttempt#deadline()}): {@link TimeOutTask}. An attempt that was
 *       assigned but never started times out as well, so a worker that never got it cannot keep it forever.</li>
 * </ul>
 * The rule is level-triggered (it looks at the current state, not at the event that changed it), so an attempt
 * whose command was rejected, or that arrived after its worker went down, is caught by the next sweep.
 */
public final class AttemptSweep {

    /**
     * The commands that take attempts back.
     *
     * @param attempts     open attempts
     * @param workerStates state of each known worker (an attempt of an unknown worker is left alone)
     * @param now          the current time
     * @return {@link RequeueTask} and {@link TimeOutTask} commands, at most one per attempt
     */
    public List<Object> sweep(List<OpenAttempt> attempts, Map<String, WorkerState> workerStates, Instant now) {
        List<Object> commands = new ArrayList<>();
        for (OpenAttempt attempt : attempts) {
            WorkerState holder = workerStates.get(attempt.workerId());
            if (holder == WorkerState.DOWN || holder == WorkerState.DEREGISTERED) {
                commands.add(new RequeueTask(attempt.taskId(), attempt.attempt(), requeueReason(holder)));
            } else if (attempt.isOverdue(now)) {
                commands.add(new TimeOutTask(attempt.taskId(), attempt.attempt()));
            }
        }
        return commands;
    }

    private static String requeueReason(WorkerState holder) {
        return holder == WorkerState.DOWN ? "worker down" : "worker deregistered";
    }
}
