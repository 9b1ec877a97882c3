package io.aviary.agent.executor.builtin;

import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.TaskExecutor;

import java.util.Map;

/** {@code sleep} {millis}: holds a slot for a while, then succeeds. Stands in for long work; interruptible. */
public final class SleepExecutor implements TaskExecutor {

    @Override
    public String type() {
        return "sleep";
    }

    @Override
    public ExecutionResult execute(TaskContext context) throws InterruptedException {
        long millis = context.longParam("millis", 0);
        if (millis < 0) {
            return ExecutionResult.failure("payload.millis must not be negative, got " + millis);
        }
        // Sleeping is this executor's whole job; an interrupt (time-out, cancel, shutdown) ends it early.
        Thread.sleep(millis);
        return ExecutionResult.success(Map.of("sleptMillis", millis));
    }
}
