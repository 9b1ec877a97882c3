package io.aviary.command.dispatch;

import io.aviary.command.task.TaskCommands.AssignTask;
import io.aviary.command.task.TaskCommands.RequeueTask;
import io.aviary.command.task.TaskCommands.TimeOutTask;

/**
 * A command the dispatcher sent and has not seen the outcome of in the events yet. While it is in flight, no other
 * command is sent for the same task; an {@code AssignTask} in flight also counts against its worker's capacity.
 * Identity matters: a late failure of an old command must not release a newer one.
 */
public final class InFlight {

    private final String taskId;
    private final Object command;
    private final String reservedWorkerId;

    private InFlight(String taskId, Object command, String reservedWorkerId) {
        this.taskId = taskId;
        this.command = command;
        this.reservedWorkerId = reservedWorkerId;
    }

    /** Wraps one of the dispatcher's commands: {@link AssignTask}, {@link RequeueTask} or {@link TimeOutTask}. */
    static InFlight of(Object command) {
        if (command instanceof AssignTask assign) {
            return new InFlight(assign.taskId(), assign, assign.workerId());
        }
        if (command instanceof RequeueTask requeue) {
            return new InFlight(requeue.taskId(), requeue, null);
        }
        if (command instanceof TimeOutTask timeOut) {
            return new InFlight(timeOut.taskId(), timeOut, null);
        }
        throw new IllegalArgumentException("not a dispatcher command: " + command);
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

    @Override
    public String toString() {
        return command.toString();
    }
}
