package io.aviary.agent.executor.builtin;

import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.TaskExecutor;

import java.util.Map;

/**
 * {@code fail} {times}: fails attempts 1..times, then succeeds. Exercises retries and dead-lettering: with
 * {@code times >= maxAttempts} the task is dead-lettered.
 */
public final class FailExecutor implements TaskExecutor {

    @Override
    public String type() {
        return "fail";
    }

    @Override
    public ExecutionResult execute(TaskContext context) {
        long times = context.longParam("times", 1);
        if (context.attempt() <= times) {
            return ExecutionResult.failure("failing on purpose: attempt " + context.attempt() + " of " + times
                    + " planned failures", Map.of("attempt", context.attempt()));
        }
        return ExecutionResult.success(Map.of("attempt", context.attempt()));
    }
}
