package io.aviary.command.area.execution;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.area.AreaCommands.RecordActionCompleted;
import io.aviary.command.area.AreaCommands.RecordReactionCompleted;
import io.aviary.command.area.BuiltInTypes;
import io.aviary.command.area.condition.ConditionEvaluator;
import io.aviary.command.area.execution.ExecutionStore.Definition;
import io.aviary.command.area.execution.ExecutionStore.Execution;
import io.aviary.command.axon.AfterCommit;
import io.aviary.events.area.AreaDeleted;
import io.aviary.events.area.AreaExecutionCompleted;
import io.aviary.events.area.AreaFired;
import io.aviary.events.area.AreaScheduled;
import io.aviary.events.area.AreaUpdated;
import io.aviary.events.area.ExecutionStatus;
import io.aviary.events.area.ReactionSpec;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskCancelled;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskDeadLettered;
import io.aviary.events.task.TaskOrigin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs AREA executions (the orchestrator), in processing group {@value #PROCESSING_GROUP}:
 * <table>
 *   <caption>events and what follows</caption>
 *   <tr><th>event</th><th>then</th></tr>
 *   <tr><td>{@code AreaScheduled}, {@code AreaUpdated}</td><td>remember the definition version</td></tr>
 *   <tr><td>{@code AreaFired}</td><td>{@code CreateTask} for the action (with its origin, the AREA's retry policy
 *   and {@code maxAttempts}; {@code http.poll} gets the last seen body hash)</td></tr>
 *   <tr><td>{@code TaskCreated} with an origin</td><td>remember which execution the task belongs to</td></tr>
 *   <tr><td>the action task's final event ({@code TaskCompleted} SUCCESS/WARNING, {@code TaskDeadLettered},
 *   {@code TaskCancelled})</td><td>{@code RecordActionCompleted}; if triggered, each reaction's condition is
 *   evaluated on the output: held, a {@code CreateTask} (all in parallel); not held,
 *   {@code RecordReactionCompleted(conditionHeld=false)}</td></tr>
 *   <tr><td>a reaction task's final event</td><td>a {@code task.create} reaction's {@code {createTask: {type,
 *   payload}}} is submitted; then {@code RecordReactionCompleted}</td></tr>
 *   <tr><td>{@code AreaExecutionCompleted}</td><td>forget the execution</td></tr>
 * </table>
 * The AREA aggregate records each step once and decides the execution's status after the last one.
 * <p>
 * A tracking processor with the persistent token store: the commands run on the processor's thread inside the
 * batch's unit of work and transaction, so the events they cause, this process's tables ({@link ExecutionStore})
 * and the token commit together; a crash mid-execution resumes where the token stands (pending reactions finish
 * later: their tasks are ordinary tasks). Replays create nothing twice: task ids are derived from the execution id,
 * and every record command is idempotent.
 */
@ProcessingGroup(AreaExecutionProcess.PROCESSING_GROUP)
public class AreaExecutionProcess {

    /** The processing group, and so the name of its tracking processor. */
    public static final String PROCESSING_GROUP = "area-executions";

    private static final Logger log = LoggerFactory.getLogger(AreaExecutionProcess.class);

    private final ExecutionStore store;
    private final ExecutionTasks tasks;
    private final ConditionEvaluator conditions;
    private final CommandGateway commands;
    /** {@code aviary_area_executions_total{status}}: one series per {@link ExecutionStatus}. */
    private final Map<ExecutionStatus, Counter> executions = new EnumMap<>(ExecutionStatus.class);

    public AreaExecutionProcess(ExecutionStore store, ExecutionTasks tasks, ConditionEvaluator conditions,
                                CommandGateway commands) {
        this(store, tasks, conditions, commands, new CompositeMeterRegistry());
    }

    /** @param meters where {@code aviary_area_executions_total{status}} counts finished executions */
    public AreaExecutionProcess(ExecutionStore store, ExecutionTasks tasks, ConditionEvaluator conditions,
                                CommandGateway commands, MeterRegistry meters) {
        this.store = store;
        this.tasks = tasks;
        this.conditions = conditions;
        this.commands = commands;
        for (ExecutionStatus status : ExecutionStatus.values()) {
            executions.put(status, Counter.builder("aviary.area.executions")
                    .description("AREA executions finished, by how they ended")
                    .tag("status", status.name())
                    .register(meters));
        }
    }

    @EventHandler
    public void on(AreaScheduled event) {
        store.rememberDefinition(event.areaId(), event.version(),
                new Definition(event.action(), event.reactions(), event.retryPolicy()));
    }

    @EventHandler
    public void on(AreaUpdated event) {
        store.rememberDefinition(event.areaId(), event.version(),
                new Definition(event.action(), event.reactions(), event.retryPolicy()));
    }

    @EventHandler
    public void on(AreaDeleted event) {
        store.forgetHash(event.areaId());
    }

    @EventHandler
    public void on(AreaFired event) {
        store.rememberExecution(new Execution(event.executionId(), event.areaId(), event.version()));
        Optional<Definition> definition = store.definition(event.areaId(), event.version());
        if (definition.isEmpty()) {
            // Only if this processor started after the definition's event (a token set forward by hand).
            log.error("AREA {} fired execution {} of version {}, whose definition is unknown here: it fails",
                    event.areaId(), event.executionId(), event.version());
            send(new RecordActionCompleted(event.areaId(), event.executionId(),
                    ExecutionTasks.actionTaskId(event.executionId()), 0, Outcome.FAILURE, false,
                    Map.of("error", "definition version " + event.version() + " unknown to the orchestrator")));
            return;
        }
        String lastHash = store.lastHash(event.areaId()).orElse(null);
        send(tasks.action(event, definition.get(), lastHash));
    }

    @EventHandler
    public void on(TaskCreated event) {
        if (event.origin() != null) {
            store.rememberTask(event.taskId(), event.origin());
        }
    }

    @EventHandler
    public void on(TaskCompleted event) {
        if (event.outcome().completesTask()) {
            taskEnded(event.taskId(), event.outcome(), event.attempt(),
                    event.output() == null ? Map.of() : event.output());
        }
        // A FAILURE is followed by TaskRetryScheduled or TaskDeadLettered: the task is not over yet.
    }

    @EventHandler
    public void on(TaskDeadLettered event) {
        taskEnded(event.taskId(), Outcome.FAILURE, event.attempt(), error("dead-lettered: " + event.reason()));
    }

    @EventHandler
    public void on(TaskCancelled event) {
        taskEnded(event.taskId(), Outcome.FAILURE, event.attempt(),
                error("cancelled" + (event.reason() == null ? "" : ": " + event.reason())));
    }

    @EventHandler
    public void on(AreaExecutionCompleted event) {
        store.forgetExecution(event.executionId());
        Counter finished = executions.get(event.status());
        if (finished != null) {
            AfterCommit.run(finished::increment); // a batch rolled back and retried counts once
        }
    }

    private void taskEnded(String taskId, Outcome outcome, int attempts, Map<String, Object> output) {
        if (!ExecutionTasks.mayBeExecutionTask(taskId)) {
            return; // a random id: submitted directly, never by an execution
        }
        Optional<TaskOrigin> origin = store.task(taskId);
        if (origin.isEmpty()) {
            return; // not an AREA task, or its execution is over
        }
        Optional<Execution> execution = store.execution(origin.get().executionId());
        Optional<Definition> definition = execution.flatMap(e -> store.definition(e.areaId(), e.version()));
        if (definition.isEmpty()) {
            log.warn("Task {} of execution {} ended, but the execution is not known here", taskId,
                    origin.get().executionId());
            return;
        }
        if (TaskOrigin.ACTION.equals(origin.get().role())) {
            actionEnded(origin.get(), taskId, outcome, attempts, output, definition.get());
        } else {
            reactionEnded(origin.get(), taskId, outcome, attempts, output, definition.get());
        }
    }

    private void actionEnded(TaskOrigin origin, String taskId, Outcome outcome, int attempts,
                             Map<String, Object> output, Definition definition) {
        boolean succeeded = outcome.completesTask();
        if (succeeded && BuiltInTypes.HTTP_POLL.equals(definition.action().type())
                && output.get("bodyHash") instanceof String hash) {
            store.rememberHash(origin.areaId(), hash);
        }
        boolean triggered = succeeded && triggered(definition, output);
        Boolean news = send(new RecordActionCompleted(origin.areaId(), origin.executionId(), taskId, attempts,
                outcome, triggered, output));
        if (!Boolean.TRUE.equals(news) || !triggered) {
            return; // recorded before (a replay: its reactions were sent in the same transaction), or nothing to run
        }
        for (int i = 0; i < definition.reactions().size(); i++) {
            ReactionSpec reaction = definition.reactions().get(i);
            if (conditions.holds(reaction.condition(), output)) {
                send(tasks.reaction(origin.areaId(), origin.executionId(), i, reaction, definition.retryPolicy(),
                        output));
            } else {
                send(new RecordReactionCompleted(origin.areaId(), origin.executionId(), i, reaction.type(), false,
                        null, 0, null));
            }
        }
    }

    private void reactionEnded(TaskOrigin origin, String taskId, Outcome outcome, int attempts,
                               Map<String, Object> output, Definition definition) {
        int index = origin.index();
        ReactionSpec reaction = definition.reactions().get(index);
        if (outcome.completesTask() && BuiltInTypes.TASK_CREATE.equals(reaction.type())) {
            submitCreatedTask(origin, index, output);
        }
        send(new RecordReactionCompleted(origin.areaId(), origin.executionId(), index, reaction.type(), true, taskId,
                attempts, outcome));
    }

    /** {@code task.create}: the agent rendered {@code {createTask: {type, payload}}}; the orchestrator submits it. */
    @SuppressWarnings("unchecked")
    private void submitCreatedTask(TaskOrigin origin, int index, Map<String, Object> output) {
        if (!(output.get("createTask") instanceof Map<?, ?> request)
                || !(request.get("type") instanceof String type) || type.isBlank()) {
            log.warn("Reaction {} of execution {} (task.create) gave no createTask {{type, payload}}: no task",
                    index, origin.executionId());
            return;
        }
        Map<String, Object> payload = request.get("payload") instanceof Map<?, ?> map
                ? new LinkedHashMap<>((Map<String, Object>) map) : Map.of();
        send(tasks.created(origin.executionId(), index, type.trim(), payload));
    }

    /**
     * Whether a completed action triggered: the agent's {@code triggered} (absent: true). For {@code http.poll}, also
     * when the action's {@code params.condition} holds on the output (e.g. a status worth reacting to although the
     * body did not change).
     */
    private boolean triggered(Definition definition, Map<String, Object> output) {
        boolean agentSays = !(output.get("triggered") instanceof Boolean triggered) || triggered;
        if (agentSays || !BuiltInTypes.HTTP_POLL.equals(definition.action().type())) {
            return agentSays;
        }
        return definition.action().params().get("condition") instanceof String condition
                && !condition.isBlank() && conditions.holds(condition, output);
    }

    /**
     * Sends a command and waits. A rejection (the aggregate refused: nothing changed) is logged and skipped, since
     * retrying cannot change the answer; anything else propagates, and the processor retries the batch.
     */
    private <R> R send(Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (CommandRejectedException | AggregateNotFoundException | IllegalArgumentException e) {
            log.error("AREA execution step {} refused: {}", command.getClass().getSimpleName(), e.getMessage());
            return null;
        }
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }
}
