package io.aviary.agent.executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The executors of this agent by task type. */
public final class ExecutorRegistry {

    private static final Logger log = LoggerFactory.getLogger(ExecutorRegistry.class);

    private final Map<String, TaskExecutor> byType = new TreeMap<>();

    /**
     * @throws IllegalStateException when two executors claim the same type: which one runs would be an accident
     */
    public ExecutorRegistry(Collection<? extends TaskExecutor> executors) {
        for (TaskExecutor executor : executors) {
            TaskExecutor previous = byType.putIfAbsent(executor.type(), executor);
            if (previous != null) {
                throw new IllegalStateException("Two executors for task type '" + executor.type() + "': "
                        + previous.getClass().getName() + " and " + executor.getClass().getName());
            }
        }
    }

    /** The executor of a type, if this agent has one. */
    public Optional<TaskExecutor> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** Every type this agent can run. */
    public Set<String> types() {
        return byType.keySet();
    }

    /** Warns about advertised types without an executor: such tasks would be assigned here and always fail. */
    public void warnAboutMissing(Collection<String> advertisedTypes) {
        advertisedTypes.stream().filter(type -> !byType.containsKey(type)).forEach(type -> log.warn(
                "Task type '{}' is advertised (AVIARY_AGENT_TASK_TYPES) but this agent has no executor for it;"
                        + " such tasks will fail. Known types: {}", type, byType.keySet()));
    }
}
