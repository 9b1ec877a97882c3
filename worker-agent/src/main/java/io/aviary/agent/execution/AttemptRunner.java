package io.aviary.agent.execution;

import io.aviary.agent.assignment.Assignment;
import io.aviary.agent.assignment.AttemptKey;
import io.aviary.agent.assignment.AttemptState;
import io.aviary.agent.assignment.ProcessedAssignmentLog;
import io.aviary.agent.command.CommandApiClient;
import io.aviary.agent.command.CompleteTaskRequest;
import io.aviary.agent.command.ReportAnswer;
import io.aviary.agent.command.StartTaskRequest;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.ExecutorRegistry;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.TaskExecutor;
import io.aviary.events.task.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a slot does with one attempt: report start, execute, record the result, report it. Each step is recorded in
 * the processed-assignment log before the next one depends on it:
 * <ul>
 *     <li>start answered 409 (stale), 404 or 403 (not this agent's): recorded as final, never executed;</li>
 *     <li>executed: the result is synced to the log before it is reported, so a crash between the two re-sends the
 *     result on the next start instead of running the task again;</li>
 *     <li>complete answered (also 409, 404, 403): recorded as final.</li>
 * </ul>
 * An interrupt outside execution means the agent is stopping; the attempt then stays as the log has it and resumes on
 * the next start.
 * <p>
 * Each attempt that ends here counts once in {@code aviary_agent_tasks_total{outcome}}: the reported outcome
 * ({@code SUCCESS}, {@code WARNING}, {@code FAILURE}, time-outs included) once the command side accepted it, else
 * {@code STALE} (409) or {@code DROPPED} (404, 403, cancelled, reassigned). An attempt left for the next start is not
 * counted yet.
 */
public final class AttemptRunner {

    private static final Logger log = LoggerFactory.getLogger(AttemptRunner.class);

    private final String workerId;
    private final CommandApiClient commandApi;
    private final ExecutorRegistry executors;
    private final ProcessedAssignmentLog attempts;
    private final ScheduledExecutorService timer;
    /** {@code aviary_agent_tasks_total} by outcome, every series registered up front (a 0 is not a gap). */
    private final Map<String, Counter> ended = new HashMap<>();

    /**
     * @param timer fires the time-outs; its tasks only set a flag and interrupt, so one thread serves all slots
     */
    public AttemptRunner(String workerId, CommandApiClient commandApi, ExecutorRegistry executors,
                         ProcessedAssignmentLog attempts, ScheduledExecutorService timer) {
        this(workerId, commandApi, executors, attempts, timer, new CompositeMeterRegistry());
    }

    /** @param meters where {@code aviary_agent_tasks_total{outcome}} counts the attempts that ended */
    public AttemptRunner(String workerId, CommandApiClient commandApi, ExecutorRegistry executors,
                         ProcessedAssignmentLog attempts, ScheduledExecutorService timer, MeterRegistry meters) {
        this.workerId = workerId;
        this.commandApi = commandApi;
        this.executors = executors;
        this.attempts = attempts;
        this.timer = timer;
        for (Outcome outcome : Outcome.values()) {
            ended.put(outcome.name(), endedCounter(meters, outcome.name()));
        }
        ended.put(AttemptState.STALE.name(), endedCounter(meters, AttemptState.STALE.name()));
        ended.put(AttemptState.DROPPED.name(), endedCounter(meters, AttemptState.DROPPED.name()));
    }

    private static Counter endedCounter(MeterRegistry meters, String outcome) {
        return Counter.builder("aviary.agent.tasks")
                .description("Attempts this agent finished, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** Runs the attempt to its end (or to the agent's shutdown). Called on a slot thread. */
    public void run(AttemptRun run) {
        if (!run.claim()) {
            return; // stopped while queued; whoever stopped it has recorded that
        }
        AttemptKey key = run.key();
        try {
            ExecutionResult result = run.recoveredResult();
            if (result == null) {
                ReportAnswer started = commandApi.start(key.taskId(), new StartTaskRequest(workerId, key.attempt()));
                if (started != ReportAnswer.ACCEPTED) {
                    finishWithoutRun(key, started);
                    return;
                }
                Optional<ExecutionResult> executed = execute(run);
                if (executed.isEmpty()) {
                    return;
                }
                result = executed.get();
                attempts.executed(key, result);
            } else {
                log.info("Attempt {} already ran before a restart ({}): reporting its result", key, result.outcome());
            }
            ReportAnswer completed = commandApi.complete(key.taskId(), new CompleteTaskRequest(workerId,
                    key.attempt(), result.outcome(), result.output(), result.message()));
            finishAfterReport(key, completed, result);
        } catch (InterruptedException e) {
            log.info("Attempt {} left unfinished: the agent is stopping; it resumes on the next start", key);
        } catch (RuntimeException e) {
            // Not expected (the log could not be written?); the attempt stays owed and resumes on the next start.
            log.error("Attempt {} broke off", key, e);
        } finally {
            run.done();
        }
    }

    /** Executes; empty when the attempt was stopped for good or by the shutdown (both already handled). */
    private Optional<ExecutionResult> execute(AttemptRun run) {
        Assignment assignment = run.assignment();
        if (!run.beginExecution(Thread.currentThread())) {
            return stopped(run, run.stopReason());
        }
        ScheduledFuture<?> watchdog = assignment.timeoutMs() > 0
                ? timer.schedule(() -> run.stop(StopReason.TIMEOUT), assignment.timeoutMs(), TimeUnit.MILLISECONDS)
                : null;
        ExecutionResult result;
        try {
            result = invoke(assignment);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
        StopReason reason = run.endExecution();
        if (reason == null) {
            return Optional.of(result);
        }
        return stopped(run, reason);
    }

    private ExecutionResult invoke(Assignment assignment) {
        Optional<TaskExecutor> executor = executors.find(assignment.type());
        if (executor.isEmpty()) {
            return ExecutionResult.failure("no executor for type " + assignment.type());
        }
        TaskContext context = new TaskContext(assignment.taskId(), assignment.type(), assignment.attempt(), workerId,
                assignment.payload(), Duration.ofMillis(Math.max(0, assignment.timeoutMs())));
        try {
            ExecutionResult result = executor.get().execute(context);
            return result != null ? result
                    : ExecutionResult.failure("executor for type " + assignment.type() + " returned no result");
        } catch (InterruptedException e) {
            return ExecutionResult.failure("interrupted");
        } catch (Exception | LinkageError | StackOverflowError e) {
            return ExecutionResult.failure(messageOf(e));
        }
    }

    private Optional<ExecutionResult> stopped(AttemptRun run, StopReason reason) {
        AttemptKey key = run.key();
        switch (reason) {
            case TIMEOUT:
                log.info("Attempt {} timed out after {} ms", key, run.assignment().timeoutMs());
                return Optional.of(ExecutionResult.failure("timed out after " + run.assignment().timeoutMs() + " ms"));
            case SHUTDOWN:
                log.info("Attempt {} interrupted by the shutdown; it resumes on the next start", key);
                return Optional.empty();
            default:
                log.info("Attempt {} stopped: {}", key, reason);
                finish(key, AttemptState.DROPPED, reason.name());
                return Optional.empty();
        }
    }

    private void finishWithoutRun(AttemptKey key, ReportAnswer answer) {
        switch (answer) {
            case STALE -> {
                log.info("Attempt {} is stale (start answered 409): skipped", key);
                finish(key, AttemptState.STALE, "start answered 409");
            }
            case NOT_FOUND -> {
                log.warn("Attempt {}: task unknown to the command side (start answered 404): dropped", key);
                finish(key, AttemptState.DROPPED, "start answered 404");
            }
            case FORBIDDEN -> {
                log.warn("Attempt {}: start forbidden (403: not this agent's assignment): dropped", key);
                finish(key, AttemptState.DROPPED, "start answered 403");
            }
            default -> finish(key, AttemptState.DROPPED, "start refused");
        }
    }

    private void finishAfterReport(AttemptKey key, ReportAnswer answer, ExecutionResult result) {
        switch (answer) {
            case ACCEPTED -> {
                log.info("Attempt {} reported: {}", key, result.outcome());
                attempts.finish(key, AttemptState.REPORTED, result.outcome().name());
                count(result.outcome().name());
            }
            case STALE -> {
                log.info("Attempt {}: result {} is stale (complete answered 409)", key, result.outcome());
                finish(key, AttemptState.STALE, "complete answered 409");
            }
            case NOT_FOUND -> {
                log.warn("Attempt {}: task unknown to the command side (complete answered 404)", key);
                finish(key, AttemptState.DROPPED, "complete answered 404");
            }
            case FORBIDDEN -> {
                log.warn("Attempt {}: result {} forbidden (403: not this agent's assignment): dropped", key,
                        result.outcome());
                finish(key, AttemptState.DROPPED, "complete answered 403");
            }
            default -> finish(key, AttemptState.DROPPED, "complete refused");
        }
    }

    /** Records an attempt that ended without an accepted result, and counts it as {@code STALE} or {@code DROPPED}. */
    private void finish(AttemptKey key, AttemptState state, String detail) {
        attempts.finish(key, state, detail);
        count(state.name());
    }

    private void count(String outcome) {
        ended.get(outcome).increment();
    }

    private static String messageOf(Throwable e) {
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.getClass().getName();
    }
}
