package io.aviary.command.area.execution;

import io.aviary.events.area.ActionSpec;
import io.aviary.events.area.ReactionSpec;
import io.aviary.events.area.RetryPolicy;
import io.aviary.events.task.TaskOrigin;

import java.util.List;
import java.util.Optional;

/**
 * What the {@link AreaExecutionProcess} remembers between events: every definition version (an execution runs the
 * version it fired with), the running executions, which task belongs to which execution, and per AREA the body hash
 * of its last completed {@code http.poll}. Every write is idempotent (a replayed event writes the same again).
 */
public interface ExecutionStore {

    /** One definition version, as an execution needs it. */
    record Definition(ActionSpec action, List<ReactionSpec> reactions, RetryPolicy retryPolicy) {
    }

    /** A running execution: its AREA and definition version. */
    record Execution(String executionId, String areaId, int version) {
    }

    void rememberDefinition(String areaId, int version, Definition definition);

    Optional<Definition> definition(String areaId, int version);

    void rememberExecution(Execution execution);

    Optional<Execution> execution(String executionId);

    /** Forgets a completed execution and its tasks. */
    void forgetExecution(String executionId);

    void rememberTask(String taskId, TaskOrigin origin);

    Optional<TaskOrigin> task(String taskId);

    void rememberHash(String areaId, String hash);

    Optional<String> lastHash(String areaId);

    void forgetHash(String areaId);
}
