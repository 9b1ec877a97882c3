package io.aviary.agent.execution;

import io.aviary.agent.AgentJson;
import io.aviary.agent.assignment.Assignment;
import io.aviary.agent.assignment.AttemptState;
import io.aviary.agent.assignment.ProcessedAssignmentLog;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.ExecutorRegistry;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.TaskExecutor;
import io.aviary.agent.executor.builtin.NoopExecutor;
import io.aviary.agent.executor.builtin.SleepExecutor;
import io.aviary.agent.support.CountingExecutor;
import io.aviary.agent.support.FakeCommandApi;
import io.aviary.agent.support.SignedInClient;
import io.aviary.agent.support.FakeCommandApi.Report;
import io.aviary.events.task.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One attempt through a slot, against a fake command API (HTTP on localhost). */
class AttemptRunnerTest {

    private static final String WORKER = "worker-1";

    @TempDir
    Path stateDir;

    private final FakeCommandApi api = new FakeCommandApi();
    private final CountingExecutor counting = new CountingExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ProcessedAssignmentLog log;
    private AttemptRunner runner;

    @BeforeEach
    void setUp() {
        log = ProcessedAssignmentLog.open(stateDir.resolve("assignments.log"), AgentJson.newMapper(),
                Clock.systemUTC());
        TaskExecutor exploding = new TaskExecutor() {
            @Override
            public String type() {
                return "explode";
            }

            @Override
            public ExecutionResult execute(TaskContext context) {
                throw new IllegalStateException("disk on fire");
            }
        };
        runner = new AttemptRunner(WORKER, SignedInClient.enrol(api, "runner-test"),
                new ExecutorRegistry(List.of(new NoopExecutor(), new SleepExecutor(), counting, exploding)), log,
                timer, meters);
    }

    @AfterEach
    void tearDown() {
        api.close();
        timer.shutdownNow();
        log.close();
    }

    @Test
    void anAttemptIsStartedExecutedAndCompletedWithItsAttemptNumber() {
        Assignment assignment = accepted("t-ok", "count", 3, 30_000);

        runner.run(new AttemptRun(assignment, null));

        assertThat(api.starts("t-ok")).containsExactly(new Report("t-ok", WORKER, 3, null, null, null));
        assertThat(api.completes("t-ok")).singleElement().satisfies(report -> {
            assertThat(report.attempt()).isEqualTo(3);
            assertThat(report.workerId()).isEqualTo(WORKER);
            assertThat(report.outcome()).isEqualTo("SUCCESS");
            assertThat(report.output().path("counted").asBoolean()).isTrue();
        });
        assertThat(counting.executions("t-ok", 3)).isEqualTo(1);
        assertThat(log.state(assignment.key())).contains(AttemptState.REPORTED);
    }

    @Test
    void anUnknownTypeIsReportedAsFailure() {
        runner.run(new AttemptRun(accepted("t-unknown", "teleport", 1, 30_000), null));

        assertThat(api.completes("t-unknown")).singleElement().satisfies(report -> {
            assertThat(report.outcome()).isEqualTo("FAILURE");
            assertThat(report.message()).isEqualTo("no executor for type teleport");
        });
    }

    @Test
    void anExceptionIsReportedAsFailureWithItsMessage() {
        runner.run(new AttemptRun(accepted("t-boom", "explode", 1, 30_000), null));

        assertThat(api.completes("t-boom")).singleElement().satisfies(report -> {
            assertThat(report.outcome()).isEqualTo("FAILURE");
            assertThat(report.message()).isEqualTo("disk on fire");
        });
    }

    @Test
    void anAttemptOverItsTimeoutIsInterruptedAndReportedAsFailure() {
        Assignment assignment = new Assignment("t-slow", "sleep", 1, Map.of("millis", 3_600_000), 50);
        log.accept(assignment);

        runner.run(new AttemptRun(assignment, null));

        assertThat(api.completes("t-slow")).singleElement().satisfies(report -> {
            assertThat(report.outcome()).isEqualTo("FAILURE");
            assertThat(report.message()).isEqualTo("timed out after 50 ms");
        });
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aStaleStartIsRecordedAndNotExecuted() {
        api.answerStartWith("t-stale", () -> 409);
        Assignment assignment = accepted("t-stale", "count", 1, 30_000);

        runner.run(new AttemptRun(assignment, null));

        assertThat(counting.executions("t-stale", 1)).isZero();
        assertThat(api.completes("t-stale")).isEmpty();
        assertThat(log.state(assignment.key())).contains(AttemptState.STALE);
    }

    @Test
    void anUnknownTaskIsDroppedAndNotExecuted() {
        api.answerStartWith("t-gone", () -> 404);
        Assignment assignment = accepted("t-gone", "count", 1, 30_000);

        runner.run(new AttemptRun(assignment, null));

        assertThat(counting.executions("t-gone", 1)).isZero();
        assertThat(log.state(assignment.key())).contains(AttemptState.DROPPED);
    }

    @Test
    void transientErrorsOnCompleteAreRetriedWithoutRunningTheTaskAgain() {
        AtomicInteger calls = new AtomicInteger();
        api.answerCompleteWith("t-flaky", () -> calls.incrementAndGet() <= 2 ? 503 : 202);
        Assignment assignment = accepted("t-flaky", "count", 1, 30_000);

        runner.run(new AttemptRun(assignment, null));

        assertThat(api.completes("t-flaky")).hasSize(3).allMatch(report -> report.outcome().equals("SUCCESS"));
        assertThat(counting.executions("t-flaky", 1)).isEqualTo(1);
        assertThat(log.state(assignment.key())).contains(AttemptState.REPORTED);
    }

    @Test
    void reportsGoThroughTheBatchEndpoint() {
        // given an assignment
        Assignment assignment = accepted("t-batched", "count", 1, 30_000);
        int batchesBefore = api.reportBatches();

        // when it runs
        runner.run(new AttemptRun(assignment, null));

        // then its start and its completion went to reports:batch (one request each: nothing else was reporting)
        assertThat(api.reportBatches() - batchesBefore).isEqualTo(2);
        assertThat(api.starts("t-batched")).hasSize(1);
        assertThat(api.completes("t-batched")).singleElement()
                .satisfies(report -> assertThat(report.outcome()).isEqualTo("SUCCESS"));
    }

    @Test
    void aResultFoundInTheLogIsOnlyReported() {
        Assignment assignment = accepted("t-recovered", "count", 2, 30_000);
        ExecutionResult earlier = new ExecutionResult(Outcome.WARNING, Map.of("rows", 7), "partial");
        log.executed(assignment.key(), earlier);

        runner.run(new AttemptRun(assignment, earlier));

        assertThat(api.starts("t-recovered")).isEmpty();
        assertThat(counting.executions("t-recovered", 2)).isZero();
        assertThat(api.completes("t-recovered")).singleElement().satisfies(report -> {
            assertThat(report.outcome()).isEqualTo("WARNING");
            assertThat(report.message()).isEqualTo("partial");
            assertThat(report.output().path("rows").asInt()).isEqualTo(7);
        });
    }

    @Test
    void aCancelledRunningAttemptIsInterruptedAndNotReported() {
        // given a long attempt running in a slot
        Assignment assignment = new Assignment("t-cancel", "sleep", 1, Map.of("millis", 3_600_000), 0);
        log.accept(assignment);
        AttemptRun run = new AttemptRun(assignment, null);
        Thread slot = new Thread(() -> runner.run(run));
        slot.start();
        await().until(() -> !api.starts("t-cancel").isEmpty() && run.occupiesSlot());

        // when it is cancelled
        AttemptRun.StopEffect effect = run.stop(StopReason.CANCELLED);

        // then the slot is freed, nothing is reported, and the log says why
        await().until(() -> !slot.isAlive());
        assertThat(effect).isEqualTo(AttemptRun.StopEffect.WAS_ACTIVE);
        assertThat(api.completes("t-cancel")).isEmpty();
        assertThat(log.state(assignment.key())).contains(AttemptState.DROPPED);
    }

    @Test
    void anAttemptStoppedWhileQueuedNeverStarts() {
        Assignment assignment = accepted("t-queued", "count", 1, 30_000);
        AttemptRun run = new AttemptRun(assignment, null);

        assertThat(run.stop(StopReason.REASSIGNED)).isEqualTo(AttemptRun.StopEffect.WAS_QUEUED);
        runner.run(run);

        assertThat(api.starts("t-queued")).isEmpty();
        assertThat(counting.executions("t-queued", 1)).isZero();
    }

    @Test
    void aForbiddenStartIsDroppedAndNotExecuted() {
        api.answerStartWith("t-not-mine", () -> 403);
        Assignment assignment = accepted("t-not-mine", "count", 1, 30_000);

        runner.run(new AttemptRun(assignment, null));

        assertThat(api.starts("t-not-mine")).hasSize(1);
        assertThat(counting.executions("t-not-mine", 1)).isZero();
        assertThat(api.completes("t-not-mine")).isEmpty();
        assertThat(log.state(assignment.key())).contains(AttemptState.DROPPED);
    }

    @Test
    void aForbiddenResultIsDroppedAndNotSentAgain() {
        api.answerCompleteWith("t-refused", () -> 403);
        Assignment assignment = accepted("t-refused", "count", 1, 30_000);

        runner.run(new AttemptRun(assignment, null));

        assertThat(counting.executions("t-refused", 1)).isEqualTo(1);
        assertThat(api.completes("t-refused")).hasSize(1);
        assertThat(log.state(assignment.key())).contains(AttemptState.DROPPED);
    }

    @Test
    void everyEndedAttemptCountsOnceByItsOutcome() {
        api.answerStartWith("t-late", () -> 409);

        runner.run(new AttemptRun(accepted("t-fine", "count", 1, 30_000), null));
        runner.run(new AttemptRun(accepted("t-fire", "explode", 1, 30_000), null));
        runner.run(new AttemptRun(accepted("t-late", "count", 1, 30_000), null));

        assertThat(tasks("SUCCESS")).isEqualTo(1.0);
        assertThat(tasks("FAILURE")).isEqualTo(1.0);
        assertThat(tasks("STALE")).isEqualTo(1.0);
        assertThat(tasks("DROPPED")).isZero();
        assertThat(tasks("WARNING")).isZero();
    }

    private double tasks(String outcome) {
        return meters.get("aviary.agent.tasks").tag("outcome", outcome).counter().count();
    }

    private Assignment accepted(String taskId, String type, int attempt, long timeoutMs) {
        Assignment assignment = new Assignment(taskId, type, attempt, Map.of(), timeoutMs);
        log.accept(assignment);
        log.sync();
        return assignment;
    }
}
