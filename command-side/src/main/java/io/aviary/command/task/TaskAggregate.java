package io.aviary.command.task;

import io.aviary.command.axon.AggregateCacheConfiguration;
import io.aviary.command.CommandRejectedException;
import io.aviary.command.task.TaskCommands.AssignTask;
import io.aviary.command.task.TaskCommands.CancelTask;
import io.aviary.command.task.TaskCommands.CompleteTask;
import io.aviary.command.task.TaskCommands.CreateTask;
import io.aviary.command.task.TaskCommands.ReassignTask;
import io.aviary.command.task.TaskCommands.RequeueTask;
import io.aviary.command.task.TaskCommands.StartTask;
import io.aviary.command.task.TaskCommands.TimeOutTask;
import io.aviary.command.task.TaskTransitions.Action;
import io.aviary.events.area.RetryPolicy;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCancelled;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskDeadLettered;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.task.TaskRequeued;
import io.aviary.events.task.TaskRetryScheduled;
import io.aviary.events.task.TaskStarted;
import io.aviary.events.task.TaskStatus;
import io.aviary.events.task.TaskTimedOut;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One task and its attempts. Every assignment starts a new attempt; a report must name the current attempt and the
 * worker it is assigned to, otherwise it is stale and rejected. Failures (FAILURE outcomes and time-outs) are counted
 * against {@code maxAttempts}; a requeue is not a failure. The delay before a retry follows the task's own retry
 * policy when it has one ({@code TaskCreated} v2, tasks of AREA executions), else the global backoff.
 */
@Aggregate(cache = AggregateCacheConfiguration.TASKS)
public class TaskAggregate {

    @AggregateIdentifier
    private String taskId;
    private String type;
    private Map<String, Object> payload;
    private int maxAttempts;
    private long timeoutMs;
    /** The task's own backoff (an AREA's), or {@code null} for the global {@link RetryBackoff} settings. */
    private RetryPolicy retryPolicy;
    private TaskStatus status;
    private int attempt;
    private String workerId;
    private int failures;
    /** The task's prices, carried by its assignment and completion events so accounting needs no lookup. */
    private long assignmentFee;
    private long completionReward;
    /** When the current attempt was assigned, or started once it has: its time-out runs from here. */
    private Instant attemptSince;
    /** The current attempt's timeout, as assigned (0: none). */
    private long attemptTimeoutMs;

    protected TaskAggregate() {
        // Axon creates an empty instance, then replays the events (or runs a creating command).
    }

    /** Creates the task; the same id again (a repeated idempotency key) answers the id and changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(CreateTask command) {
        if (taskId == null) {
            apply(new TaskCreated(command.taskId(), command.type(), copy(command.payload()), command.priority(),
                    command.requiredLabels() == null ? Map.of() : Map.copyOf(command.requiredLabels()),
                    command.maxAttempts(), command.timeoutMs(), command.idempotencyKey(), command.assignmentFee(),
                    command.completionReward(), now(), command.retryPolicy(), command.origin()));
        }
        return command.taskId();
    }

    @CommandHandler
    public void handle(AssignTask command) {
        require(Action.ASSIGN);
        requireWorker(command.workerId());
        apply(new TaskAssigned(taskId, type, attempt + 1, command.workerId(), payload, timeoutMs, now(),
                assignmentFee));
    }

    @CommandHandler
    public void handle(ReassignTask command) {
        require(Action.REASSIGN);
        requireWorker(command.toWorkerId());
        if (command.toWorkerId().equals(workerId)) {
            throw reject("is already assigned to worker " + workerId);
        }
        apply(new TaskReassigned(taskId, type, attempt + 1, workerId, command.toWorkerId(), payload, timeoutMs,
                command.reason(), now(), assignmentFee));
    }

    @CommandHandler
    public void handle(StartTask command) {
        if (status == TaskStatus.RUNNING && isCurrent(command.attempt(), command.workerId())) {
            return; // a repeated start report (agents deliver at least once) changes nothing
        }
        requireCurrentReport(command.attempt(), command.workerId());
        require(Action.START);
        apply(new TaskStarted(taskId, type, attempt, workerId, now()));
    }

    @CommandHandler
    public void handle(CompleteTask command, RetryBackoff backoff) {
        requireCurrentReport(command.attempt(), command.workerId());
        require(Action.COMPLETE);
        Objects.requireNonNull(command.outcome(), "outcome");
        apply(new TaskCompleted(taskId, type, attempt, workerId, command.outcome(), copy(command.output()),
                command.message(), now(), completionReward));
        if (command.outcome() == Outcome.FAILURE) {
            String reason = command.message() != null ? command.message() : "attempt " + attempt + " failed";
            retryOrDeadLetter(reason, backoff);
        }
    }

    /**
     * The dispatcher's sweep decides on its view, which may lag: an attempt it saw assigned may have started since,
     * and its time-out then runs from the start. The aggregate checks the deadline on its own state.
     */
    @CommandHandler
    public void handle(TimeOutTask command, RetryBackoff backoff) {
        requireCurrentAttempt(command.attempt());
        require(Action.TIME_OUT);
        if (attemptSince != null && attemptTimeoutMs > 0) {
            Instant deadline = attemptSince.plusMillis(attemptTimeoutMs);
            if (now().isBefore(deadline)) {
                throw reject("attempt " + attempt + " is not overdue: " + (status == TaskStatus.RUNNING
                        ? "started" : "assigned") + " at " + attemptSince + ", it times out at " + deadline);
            }
        }
        apply(new TaskTimedOut(taskId, type, attempt, workerId, now()));
        retryOrDeadLetter("attempt " + attempt + " timed out after " + timeoutMs + " ms", backoff);
    }

    @CommandHandler
    public void handle(RequeueTask command) {
        requireCurrentAttempt(command.attempt());
        require(Action.REQUEUE);
        apply(new TaskRequeued(taskId, type, attempt, workerId, command.reason(), now()));
    }

    @CommandHandler
    public void handle(CancelTask command) {
        require(Action.CANCEL);
        apply(new TaskCancelled(taskId, type, attempt, workerId, command.reason(), now()));
    }

    private void retryOrDeadLetter(String reason, RetryBackoff backoff) {
        int failed = failures + 1;
        Instant now = now();
        if (failed < maxAttempts) {
            Duration delay = retryPolicy != null ? backoff.delayAfter(failed, retryPolicy) : backoff.delayAfter(failed);
            apply(new TaskRetryScheduled(taskId, type, attempt, failed, now.plus(delay), reason, now));
        } else {
            apply(new TaskDeadLettered(taskId, type, attempt, failed, reason, now));
        }
    }

    private void require(Action action) {
        if (!TaskTransitions.isAllowed(status, action)) {
            throw reject("is " + status + ": cannot " + action.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (status.isFinal() ? "" : " (allowed: " + TaskTransitions.allowedIn(status) + ")"));
        }
    }

    private void requireCurrentReport(int reportedAttempt, String reportingWorker) {
        if (status.isFinal()) {
            throw reject("is " + status + ": the report for attempt " + reportedAttempt + " comes too late");
        }
        requireCurrentAttempt(reportedAttempt);
        if (workerId == null || !workerId.equals(reportingWorker)) {
            throw reject("attempt " + attempt + " is not assigned to worker " + reportingWorker + " (stale report)");
        }
    }

    private void requireCurrentAttempt(int reportedAttempt) {
        if (reportedAttempt != attempt) {
            throw reject("attempt " + reportedAttempt + " is not the current attempt " + attempt + " (stale)");
        }
    }

    private static void requireWorker(String worker) {
        if (worker == null || worker.isBlank()) {
            throw new IllegalArgumentException("a worker id is required");
        }
    }

    private boolean isCurrent(int reportedAttempt, String reportingWorker) {
        return reportedAttempt == attempt && Objects.equals(workerId, reportingWorker);
    }

    private CommandRejectedException reject(String why) {
        return new CommandRejectedException("Task " + taskId + " " + why);
    }

    @EventSourcingHandler
    void on(TaskCreated event) {
        taskId = event.taskId();
        type = event.type();
        payload = event.payload();
        maxAttempts = event.maxAttempts();
        timeoutMs = event.timeoutMs();
        retryPolicy = event.retryPolicy();
        assignmentFee = event.assignmentFee();
        completionReward = event.completionReward();
        status = TaskStatus.QUEUED;
    }

    @EventSourcingHandler
    void on(TaskAssigned event) {
        attempt = event.attempt();
        workerId = event.workerId();
        status = TaskStatus.ASSIGNED;
        attemptSince = event.assignedAt();
        attemptTimeoutMs = event.timeoutMs();
    }

    @EventSourcingHandler
    void on(TaskReassigned event) {
        attempt = event.attempt();
        workerId = event.toWorkerId();
        status = TaskStatus.ASSIGNED;
        attemptSince = event.reassignedAt();
        attemptTimeoutMs = event.timeoutMs();
    }

    @EventSourcingHandler
    void on(TaskStarted event) {
        status = TaskStatus.RUNNING;
        attemptSince = event.startedAt();
    }

    @EventSourcingHandler
    void on(TaskCompleted event) {
        if (event.outcome().completesTask()) {
            status = TaskStatus.COMPLETED;
        }
    }

    @EventSourcingHandler
    void on(TaskRetryScheduled event) {
        failures = event.failures();
        workerId = null;
        status = TaskStatus.RETRY_SCHEDULED;
    }

    @EventSourcingHandler
    void on(TaskDeadLettered event) {
        failures = event.failures();
        status = TaskStatus.DEAD_LETTERED;
    }

    @EventSourcingHandler
    void on(TaskRequeued event) {
        workerId = null;
        status = TaskStatus.QUEUED;
    }

    @EventSourcingHandler
    void on(TaskCancelled event) {
        status = TaskStatus.CANCELLED;
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        // Not Map.copyOf: JSON objects may hold null values.
        return map == null ? Map.of() : new LinkedHashMap<>(map);
    }

    /** Axon's message clock: the event timestamps use it too, and test fixtures pin it. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
