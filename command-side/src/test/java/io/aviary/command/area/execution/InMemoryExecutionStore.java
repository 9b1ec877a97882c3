package io.aviary.command.area.execution;

import io.aviary.events.task.TaskOrigin;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ExecutionStore} in memory, for tests of the process without PostgreSQL. */
final class InMemoryExecutionStore implements ExecutionStore {

    private final Map<String, Definition> definitions = new ConcurrentHashMap<>();
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final Map<String, TaskOrigin> tasks = new ConcurrentHashMap<>();
    private final Map<String, String> hashes = new ConcurrentHashMap<>();

    @Override
    public void rememberDefinition(String areaId, int version, Definition definition) {
        definitions.putIfAbsent(areaId + "/" + version, definition);
    }

    @Override
    public Optional<Definition> definition(String areaId, int version) {
        return Optional.ofNullable(definitions.get(areaId + "/" + version));
    }

    @Override
    public void rememberExecution(Execution execution) {
        executions.putIfAbsent(execution.executionId(), execution);
    }

    @Override
    public Optional<Execution> execution(String executionId) {
        return Optional.ofNullable(executions.get(executionId));
    }

    @Override
    public void forgetExecution(String executionId) {
        executions.remove(executionId);
        tasks.values().removeIf(origin -> origin.executionId().equals(executionId));
    }

    @Override
    public void rememberTask(String taskId, TaskOrigin origin) {
        tasks.putIfAbsent(taskId, origin);
    }

    @Override
    public Optional<TaskOrigin> task(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    @Override
    public void rememberHash(String areaId, String hash) {
        hashes.put(areaId, hash);
    }

    @Override
    public Optional<String> lastHash(String areaId) {
        return Optional.ofNullable(hashes.get(areaId));
    }

    @Override
    public void forgetHash(String areaId) {
        hashes.remove(areaId);
    }

    int runningExecutions() {
        return executions.size();
    }
}
