package io.aviary.agent.executor.builtin;

import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.TaskExecutor;

/** {@code noop}: succeeds at once. Useful to test the pipeline without doing work. */
public final class NoopExecutor implements TaskExecutor {

    @Override
    public String type() {
        return "noop";
    }

    @Override
    public ExecutionResult execute(TaskContext context) {
        return ExecutionResult.success();
    }
}
