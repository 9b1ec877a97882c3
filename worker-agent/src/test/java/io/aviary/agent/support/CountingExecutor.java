package io.aviary.agent.support;

import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.TaskExecutor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Task type {@code count}: succeeds and remembers how often each attempt was executed. */
public final class CountingExecutor implements TaskExecutor {

    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

    @Override
    public String type() {
        return "count";
    }

    @Override
    public ExecutionResult execute(TaskContext context) {
        executions.computeIfAbsent(context.taskId() + "#" + context.attempt(), key -> new AtomicInteger())
                .incrementAndGet();
        return ExecutionResult.success(Map.of("counted", true));
    }

    /** How often that attempt ran. */
    public int executions(String taskId, int attempt) {
        AtomicInteger count = executions.get(taskId + "#" + attempt);
        return count == null ? 0 : count.get();
    }
}
