package io.aviary.command.area.execution;

import io.aviary.command.area.BuiltInTypes;
import io.aviary.command.area.execution.ExecutionStore.Definition;
import io.aviary.command.task.CreateTaskRequest;
import io.aviary.command.task.TaskCommands.CreateTask;
import io.aviary.command.task.TaskPricing;
import io.aviary.events.area.AreaFired;
import io.aviary.events.area.ReactionSpec;
import io.aviary.events.area.RetryPolicy;
import io.aviary.events.task.TaskOrigin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The tasks of an execution, as {@code CreateTask} commands. Their ids are derived from the execution id, so a
 * replayed event sends the same id again and the Task aggregate answers it without a new task (CREATE_IF_MISSING):
 * <ul>
 *     <li>action: {@code nameUUID(executionId + ":action")};</li>
 *     <li>reaction {@code i}: {@code nameUUID(executionId + ":reaction:" + i)};</li>
 *     <li>the task a {@code task.create} reaction asks for: {@code nameUUID(executionId + ":reaction:" + i
 *     + ":createTask")}.</li>
 * </ul>
 * Payloads carry the parameters and a connection's name, never a secret (TaskCreated is an event):
 * <ul>
 *     <li>action: {@code params} + {@code connection?}, {@code firedAt}, {@code scheduledFor?}; {@code http.poll}:
 *     {@code lastSeenHash?}; {@code webhook.received}: {@code delivery: {deliveryId, payload}};</li>
 *     <li>reaction: {@code params} + {@code connection?}, {@code output} (the action's output, for templates).</li>
 * </ul>
 * Action and reaction tasks carry the AREA's retry policy (its {@code maxAttempts} too) and their origin.
 */
public class ExecutionTasks {

    private final TaskPricing pricing;
    private final Duration timeout;

    public ExecutionTasks(TaskPricing pricing, Duration timeout) {
        this.pricing = pricing;
        this.timeout = timeout;
    }

    /**
     * Whether {@code taskId} can be a task of an execution: those ids are all name-based (version 3) UUIDs, so a
     * random (version 4) id, as every task submitted without an idempotency key has, never is. Lets the orchestrator
     * skip the look-up of its origin for most ended tasks (ADR 16). Anything that is not a UUID might be.
     */
    public static boolean mayBeExecutionTask(String taskId) {
        try {
            return UUID.fromString(taskId).version() != 4;
        } catch (IllegalArgumentException notAUuid) {
            return true;
        }
    }

    public static String actionTaskId(String executionId) {
        return nameUuid(executionId + ":action");
    }

    public static String reactionTaskId(String executionId, int index) {
        return nameUuid(executionId + ":reaction:" + index);
    }

    public static String createdTaskId(String executionId, int index) {
        return nameUuid(executionId + ":reaction:" + index + ":createTask");
    }

    CreateTask action(AreaFired fired, Definition definition, String lastSeenHash) {
        Map<String, Object> payload = withConnection(definition.action().params(), definition.action().connection());
        payload.put("firedAt", fired.firedAt().toString());
        if (fired.scheduledFor() != null) {
            payload.put("scheduledFor", fired.scheduledFor().toString());
        }
        String type = definition.action().type();
        if (BuiltInTypes.HTTP_POLL.equals(type) && lastSeenHash != null) {
            payload.put("lastSeenHash", lastSeenHash);
        }
        if (BuiltInTypes.WEBHOOK_RECEIVED.equals(type)) {
            Map<String, Object> delivery = new LinkedHashMap<>();
            delivery.put("deliveryId", fired.deliveryId());
            delivery.put("payload", fired.payload());
            payload.put("delivery", delivery);
        }
        return create(actionTaskId(fired.executionId()), type, payload, definition.retryPolicy(),
                TaskOrigin.action(fired.areaId(), fired.executionId()));
    }

    CreateTask reaction(String areaId, String executionId, int index, ReactionSpec reaction, RetryPolicy policy,
                        Map<String, Object> actionOutput) {
        Map<String, Object> payload = withConnection(reaction.params(), reaction.connection());
        payload.put("output", actionOutput);
        return create(reactionTaskId(executionId, index), reaction.type(), payload, policy,
                TaskOrigin.reaction(areaId, executionId, index));
    }

    /** The task a {@code task.create} reaction asked for: an ordinary task (global retries, no origin). */
    CreateTask created(String executionId, int index, String type, Map<String, Object> payload) {
        TaskPricing.Prices prices = pricing.next();
        long taskTimeout = CreateTaskRequest.MANUAL_TYPE.equals(type) ? CreateTaskRequest.DEFAULT_MANUAL_TIMEOUT_MS
                : CreateTaskRequest.DEFAULT_TIMEOUT_MS;
        return new CreateTask(createdTaskId(executionId, index), type, payload, 0, Map.of(),
                CreateTaskRequest.DEFAULT_MAX_ATTEMPTS, taskTimeout, null, prices.assignmentFee(),
                prices.completionReward());
    }

    private CreateTask create(String taskId, String type, Map<String, Object> payload, RetryPolicy policy,
                              TaskOrigin origin) {
        TaskPricing.Prices prices = pricing.next();
        return new CreateTask(taskId, type, payload, 0, Map.of(), policy.maxAttempts(), timeout.toMillis(), null,
                prices.assignmentFee(), prices.completionReward(), policy, origin);
    }

    private static Map<String, Object> withConnection(Map<String, Object> params, String connection) {
        Map<String, Object> payload = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
        if (connection != null) {
            payload.put("connection", connection);
        }
        return payload;
    }

    private static String nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
