package io.aviary.command.dispatch;

import io.aviary.command.task.TaskCommands.AssignTask;
import io.aviary.command.task.TaskCommands.RequeueTask;
import io.aviary.command.task.TaskCommands.TimeOutTask;

import java.time.Instant;

/**
 * A command the dispatcher sent and has not seen the outcome of in the events yet. While it is in flight, no other
 * command is sent for the same task; an {@code AssignTask} in flight also counts against its worker's capacity.
 * Identity matters: a late failure of an old command must not release a newer one.
 */
public final class InFlight {

    private final String taskId;
    private final Object command;
    private final String reservedWorkerId;
    private final Instant waitingSince;

    private InFlight(String taskId, Object command, String reservedWorkerId, Instant waitingSince) {
        this.taskId = taskId;
        this.command = command;
        this.reservedWorkerId = reservedWorkerId;
        this.waitingSince = waitingSince;
    }

    /** Wraps one of the dispatcher's commands: {@link AssignTask}, {@link RequeueTask} or {@link TimeOutTask}. */
    static InFlight of(Object command) {
        if (command instanceof AssignTask assign) {
            return new InFlight(assign.taskId(), assign, assign.workerId(), null);
        }
        if (command instanceof RequeueTask requeue) {
            return new InFlight(requeue.taskId(), requeue, null, null);
        }
        if (command instanceof TimeOutTask timeOut) {
            return new InFlight(timeOut.taskId(), timeOut, null, null);
        }
        throw new IllegalArgumentException("not a dispatcher command: " + command);
    }

    /** The same command, noting since when its task could be assigned (for the dispatch latency). */
    InFlight waitingSince(Instant since) {
        return new InFlight(taskId, command, reservedWorkerId, since);
    }

    /** The task the command is about. */
    public String taskId() {
        return taskId;
    }

    /** The command to send. */
    public Object command() {
        return command;
    }

    /** For an assignment, the worker whose capacity it reserves; otherwise {@code null}. */
    String reservedWorkerId() {
        return reservedWorkerId;
    }

    /** For an assignment, since when its task could be assigned; otherwise (or unknown) {@code null}. */
    Instant waitingSince() {
        return waitingSince;
    }

    @Override
    public String toString() {
        return command.toString();
    }
}
