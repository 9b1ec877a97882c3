package io.aviary.command.task;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.task.TaskCommands.AssignTask;
import io.aviary.command.task.TaskCommands.CancelTask;
import io.aviary.command.task.TaskCommands.CompleteTask;
import io.aviary.command.task.TaskCommands.CreateTask;
import io.aviary.command.task.TaskCommands.ReassignTask;
import io.aviary.command.task.TaskCommands.RequeueTask;
import io.aviary.command.task.TaskCommands.StartTask;
import io.aviary.command.task.TaskCommands.TimeOutTask;
import io.aviary.events.area.RetryPolicy;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCancelled;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskDeadLettered;
import io.aviary.events.task.TaskOrigin;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.task.TaskRequeued;
import io.aviary.events.task.TaskRetryScheduled;
import io.aviary.events.task.TaskStarted;
import io.aviary.events.task.TaskTimedOut;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;

class TaskAggregateTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");
    /** Longer ago than {@link #TIMEOUT}: an attempt assigned or started then is overdue at {@link #NOW}. */
    private static final Instant EARLIER = NOW.minusSeconds(90);
    private static final String ID = "6f1c1f0e-5d4b-4a57-9d59-2f1f5c3b8a10";
    private static final String TYPE = "sleep";
    private static final Map<String, Object> PAYLOAD = Map.of("millis", 20);
    private static final String W1 = "worker-1";
    private static final String W2 = "worker-2";
    private static final long TIMEOUT = 60_000;
    /** Zero jitter (0.5 is the middle of [0, 1)): delays are exactly 500 ms, 1 s, 2 s, ... */
    private static final RetryBackoff BACKOFF = new RetryBackoff(
            new RetryProperties(Duration.ofMillis(500), 2, Duration.ofSeconds(60), 0.2), () -> 0.5);

    /** The prices of {@link #CREATED}, which its assignment and completion events carry (version 2). */
    private static final Long FEE = 12L;
    private static final Long REWARD = 30L;
    private static final TaskCreated CREATED = new TaskCreated(ID, TYPE, PAYLOAD, 0, Map.of(), 3, TIMEOUT, null, 12,
            30, EARLIER);

    private AggregateTestFixture<TaskAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TaskAggregate.class);
        fixture.registerInjectableResource(BACKOFF);
    }

    private TestExecutor<TaskAggregate> given(Object... events) {
        return fixture.givenCurrentTime(NOW).andGiven(CREATED).andGiven(events);
    }

    private static TaskAssigned assigned(int attempt, String worker) {
        return new TaskAssigned(ID, TYPE, attempt, worker, PAYLOAD, TIMEOUT, EARLIER);
    }

    private static TaskStarted started(int attempt, String worker) {
        return new TaskStarted(ID, TYPE, attempt, worker, EARLIER);
    }

    private static TaskCompleted failed(int attempt, String worker) {
        return new TaskCompleted(ID, TYPE, attempt, worker, Outcome.FAILURE, Map.of(), "boom", EARLIER);
    }

    private static TaskRetryScheduled retryScheduled(int attempt, int failures) {
        return new TaskRetryScheduled(ID, TYPE, attempt, failures, EARLIER.plusSeconds(1), "boom", EARLIER);
    }

    private static void rejected(ResultValidator<TaskAggregate> result, String why) {
        result.expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString(why))
                .expectNoEvents();
    }

    @Test
    void createsAQueuedTaskWithItsPrices() {
        CreateTask create = new CreateTask(ID, TYPE, PAYLOAD, 5, Map.of("zone", "eu"), 3, TIMEOUT, "key-1", 12,
                30);
        fixture.givenCurrentTime(NOW)
                .when(create)
                .expectResultMessagePayload(ID)
                .expectEvents(new TaskCreated(ID, TYPE, PAYLOAD, 5, Map.of("zone", "eu"), 3, TIMEOUT, "key-1", 12,
                        30, NOW));
    }

    @Test
    void aRepeatedCreateAnswersTheIdAndChangesNothing() {
        given(assigned(1, W1))
                .when(new CreateTask(ID, "other", Map.of(), 0, Map.of(), 1, 5, "key-1", 10, 20))
                .expectResultMessagePayload(ID)
                .expectNoEvents();
    }

    @Test
    void aQueuedTaskIsAssignedAsAttemptOne() {
        given().when(new AssignTask(ID, W1))
                .expectEvents(new TaskAssigned(ID, TYPE, 1, W1, PAYLOAD, TIMEOUT, NOW, FEE));
    }

    @Test
    void aTaskWaitingForItsRetryIsAssignedAsTheNextAttempt() {
        given(assigned(1, W1), failed(1, W1), retryScheduled(1, 1))
                .when(new AssignTask(ID, W2))
                .expectEvents(new TaskAssigned(ID, TYPE, 2, W2, PAYLOAD, TIMEOUT, NOW, FEE));
    }

    @Test
    void aTaskThatIsAlreadyAssignedIsNotAssignedAgain() {
        rejected(given(assigned(1, W1)).when(new AssignTask(ID, W2)), "is ASSIGNED: cannot assign");
    }

    @Test
    void aRunningTaskIsNotAssigned() {
        rejected(given(assigned(1, W1), started(1, W1)).when(new AssignTask(ID, W2)), "is RUNNING");
    }

    @Test
    void theAssignedWorkerStartsTheCurrentAttempt() {
        given(assigned(1, W1))
                .when(new StartTask(ID, W1, 1))
                .expectEvents(new TaskStarted(ID, TYPE, 1, W1, NOW));
    }

    @Test
    void aStartForAnOlderAttemptIsStale() {
        given(assigned(1, W1), new TaskReassigned(ID, TYPE, 2, W1, W2, PAYLOAD, TIMEOUT, "shuffle", EARLIER))
                .when(new StartTask(ID, W1, 1))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage(containsString("attempt 1 is not the current attempt 2"))
                .expectNoEvents();
    }

    @Test
    void aStartFromAnotherWorkerIsStale() {
        rejected(given(assigned(1, W1)).when(new StartTask(ID, W2, 1)), "not assigned to worker " + W2);
    }

    @Test
    void aRepeatedStartChangesNothing() {
        given(assigned(1, W1), started(1, W1))
                .when(new StartTask(ID, W1, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aStartForAFinishedTaskIsRejected() {
        rejected(given(assigned(1, W1), new TaskCancelled(ID, TYPE, 1, W1, "no", EARLIER))
                .when(new StartTask(ID, W1, 1)), "is CANCELLED");
    }

    @Test
    void successCompletesTheTask() {
        given(assigned(1, W1), started(1, W1))
                .when(new CompleteTask(ID, W1, 1, Outcome.SUCCESS, Map.of("ok", true), null))
                .expectEvents(new TaskCompleted(ID, TYPE, 1, W1, Outcome.SUCCESS, Map.of("ok", true), null, NOW, REWARD));
    }

    @Test
    void aWarningCompletesTheTaskToo() {
        given(assigned(1, W1), started(1, W1))
                .when(new CompleteTask(ID, W1, 1, Outcome.WARNING, Map.of(), "slow"))
                .expectEvents(new TaskCompleted(ID, TYPE, 1, W1, Outcome.WARNING, Map.of(), "slow", NOW, REWARD));
    }

    @Test
    void anOutcomeWithoutAStartReportStillCounts() {
        given(assigned(1, W1))
                .when(new CompleteTask(ID, W1, 1, Outcome.SUCCESS, Map.of(), null))
                .expectEvents(new TaskCompleted(ID, TYPE, 1, W1, Outcome.SUCCESS, Map.of(), null, NOW, REWARD));
    }

    @Test
    void aFirstFailureSchedulesARetryAfterTheInitialBackoff() {
        given(assigned(1, W1), started(1, W1))
                .when(new CompleteTask(ID, W1, 1, Outcome.FAILURE, Map.of(), "boom"))
                .expectEvents(
                        new TaskCompleted(ID, TYPE, 1, W1, Outcome.FAILURE, Map.of(), "boom", NOW, REWARD),
                        new TaskRetryScheduled(ID, TYPE, 1, 1, NOW.plusMillis(500), "boom", NOW));
    }

    @Test
    void aSecondFailureWaitsTwiceAsLong() {
        given(assigned(1, W1), failed(1, W1), retryScheduled(1, 1), assigned(2, W2))
                .when(new CompleteTask(ID, W2, 2, Outcome.FAILURE, Map.of(), null))
                .expectEvents(
                        new TaskCompleted(ID, TYPE, 2, W2, Outcome.FAILURE, Map.of(), null, NOW, REWARD),
                        new TaskRetryScheduled(ID, TYPE, 2, 2, NOW.plusMillis(1000), "attempt 2 failed", NOW));
    }

    @Test
    void theLastAllowedFailureDeadLettersTheTask() {
        given(assigned(1, W1), failed(1, W1), retryScheduled(1, 1),
                assigned(2, W1), failed(2, W1), retryScheduled(2, 2), assigned(3, W2))
                .when(new CompleteTask(ID, W2, 3, Outcome.FAILURE, Map.of(), "boom again"))
                .expectEvents(
                        new TaskCompleted(ID, TYPE, 3, W2, Outcome.FAILURE, Map.of(), "boom again", NOW, REWARD),
                        new TaskDeadLettered(ID, TYPE, 3, 3, "boom again", NOW));
    }

    @Test
    void anOutcomeForAnOlderAttemptIsStale() {
        rejected(given(assigned(1, W1), failed(1, W1), retryScheduled(1, 1), assigned(2, W1))
                .when(new CompleteTask(ID, W1, 1, Outcome.SUCCESS, Map.of(), null)), "(stale)");
    }

    @Test
    void anOutcomeFromAnotherWorkerIsStale() {
        rejected(given(assigned(1, W1), started(1, W1))
                .when(new CompleteTask(ID, W2, 1, Outcome.SUCCESS, Map.of(), null)), "stale report");
    }

    @Test
    void aSecondOutcomeForACompletedTaskIsRejected() {
        rejected(given(assigned(1, W1), new TaskCompleted(ID, TYPE, 1, W1, Outcome.SUCCESS, Map.of(), null,
                EARLIER)).when(new CompleteTask(ID, W1, 1, Outcome.SUCCESS, Map.of(), null)), "is COMPLETED");
    }

    @Test
    void anOutcomeAfterATimeOutIsStale() {
        rejected(given(assigned(1, W1), new TaskTimedOut(ID, TYPE, 1, W1, EARLIER), retryScheduled(1, 1))
                .when(new CompleteTask(ID, W1, 1, Outcome.SUCCESS, Map.of(), null)), "stale report");
    }

    @Test
    void theCurrentAttemptTimesOutAndIsRetried() {
        given(assigned(1, W1), started(1, W1))
                .when(new TimeOutTask(ID, 1))
                .expectEvents(
                        new TaskTimedOut(ID, TYPE, 1, W1, NOW),
                        new TaskRetryScheduled(ID, TYPE, 1, 1, NOW.plusMillis(500),
                                "attempt 1 timed out after 60000 ms", NOW));
    }

    @Test
    void anAssignedAttemptThatNeverStartedTimesOutToo() {
        given(assigned(1, W1), failed(1, W1), retryScheduled(1, 1),
                assigned(2, W1), failed(2, W1), retryScheduled(2, 2), assigned(3, W2))
                .when(new TimeOutTask(ID, 3))
                .expectEvents(
                        new TaskTimedOut(ID, TYPE, 3, W2, NOW),
                        new TaskDeadLettered(ID, TYPE, 3, 3, "attempt 3 timed out after 60000 ms", NOW));
    }

    @Test
    void aTimeOutDecidedOnALaggingViewDoesNotEndAnAttemptThatStartedSince() {
        // given an attempt assigned more than its timeout ago, which started 10 s ago (the sweep did not see it yet)
        TaskAssigned longAgo = new TaskAssigned(ID, TYPE, 1, W1, PAYLOAD, TIMEOUT, NOW.minusSeconds(70));
        TaskStarted justNow = new TaskStarted(ID, TYPE, 1, W1, NOW.minusSeconds(10));

        // when the sweep times it out, then it is refused: its time-out runs from the start
        rejected(given(longAgo, justNow).when(new TimeOutTask(ID, 1)), "is not overdue: started at");
    }

    @Test
    void anAssignedAttemptIsNotTimedOutBeforeItsTimeoutPassed() {
        rejected(given(new TaskAssigned(ID, TYPE, 1, W1, PAYLOAD, TIMEOUT, NOW.minusSeconds(59)))
                .when(new TimeOutTask(ID, 1)), "is not overdue: assigned at");
    }

    @Test
    void aTimeOutForAnOlderAttemptIsStale() {
        rejected(given(assigned(1, W1), new TaskReassigned(ID, TYPE, 2, W1, W2, PAYLOAD, TIMEOUT, "shuffle",
                EARLIER)).when(new TimeOutTask(ID, 1)), "(stale)");
    }

    @Test
    void aRequeuedTaskDoesNotTimeOut() {
        rejected(given(assigned(1, W1), new TaskRequeued(ID, TYPE, 1, W1, "worker down", EARLIER))
                .when(new TimeOutTask(ID, 1)), "is QUEUED: cannot time out");
    }

    @Test
    void aRunningAttemptIsTakenBackFromItsWorker() {
        given(assigned(1, W1), started(1, W1))
                .when(new RequeueTask(ID, 1, "worker down"))
                .expectEvents(new TaskRequeued(ID, TYPE, 1, W1, "worker down", NOW));
    }

    @Test
    void aRequeuedTaskIsAssignedAgainAsTheNextAttempt() {
        given(assigned(1, W1), new TaskRequeued(ID, TYPE, 1, W1, "worker down", EARLIER))
                .when(new AssignTask(ID, W2))
                .expectEvents(new TaskAssigned(ID, TYPE, 2, W2, PAYLOAD, TIMEOUT, NOW, FEE));
    }

    @Test
    void aRequeueForAnOlderAttemptIsStale() {
        rejected(given(assigned(1, W1), new TaskRequeued(ID, TYPE, 1, W1, "down", EARLIER), assigned(2, W2))
                .when(new RequeueTask(ID, 1, "down")), "(stale)");
    }

    @Test
    void aQueuedTaskIsNotRequeued() {
        rejected(given(assigned(1, W1), new TaskRequeued(ID, TYPE, 1, W1, "down", EARLIER))
                .when(new RequeueTask(ID, 1, "down")), "is QUEUED: cannot requeue");
    }

    @Test
    void anAssignedTaskMovesToAnotherWorkerAsANewAttempt() {
        given(assigned(1, W1))
                .when(new ReassignTask(ID, W2, "shuffle"))
                .expectEvents(new TaskReassigned(ID, TYPE, 2, W1, W2, PAYLOAD, TIMEOUT, "shuffle", NOW, FEE));
    }

    @Test
    void theFormerWorkersStartIsThenStale() {
        rejected(given(assigned(1, W1), new TaskReassigned(ID, TYPE, 2, W1, W2, PAYLOAD, TIMEOUT, "shuffle",
                EARLIER)).when(new StartTask(ID, W1, 2)), "not assigned to worker " + W1);
    }

    @Test
    void aRunningTaskIsNotReassigned() {
        rejected(given(assigned(1, W1), started(1, W1)).when(new ReassignTask(ID, W2, "shuffle")),
                "is RUNNING: cannot reassign");
    }

    @Test
    void reassigningToTheSameWorkerIsRejected() {
        rejected(given(assigned(1, W1)).when(new ReassignTask(ID, W1, "shuffle")), "already assigned");
    }

    @Test
    void aQueuedTaskIsCancelled() {
        given().when(new CancelTask(ID, "not needed"))
                .expectEvents(new TaskCancelled(ID, TYPE, 0, null, "not needed", NOW));
    }

    @Test
    void aRunningTaskIsCancelledAndNamesItsWorker() {
        given(assigned(1, W1), started(1, W1))
                .when(new CancelTask(ID, null))
                .expectEvents(new TaskCancelled(ID, TYPE, 1, W1, null, NOW));
    }

    @Test
    void aTaskWaitingForItsRetryIsCancelled() {
        given(assigned(1, W1), failed(1, W1), retryScheduled(1, 1))
                .when(new CancelTask(ID, "give up"))
                .expectEvents(new TaskCancelled(ID, TYPE, 1, null, "give up", NOW));
    }

    @Test
    void aCompletedTaskCannotBeCancelled() {
        rejected(given(assigned(1, W1), new TaskCompleted(ID, TYPE, 1, W1, Outcome.SUCCESS, Map.of(), null,
                EARLIER)).when(new CancelTask(ID, "late")), "is COMPLETED: cannot cancel");
    }

    @Test
    void aCancelledTaskCannotBeCancelledAgain() {
        rejected(given(new TaskCancelled(ID, TYPE, 0, null, null, EARLIER)).when(new CancelTask(ID, "again")),
                "is CANCELLED");
    }

    @Test
    void aDeadLetteredTaskCannotBeCancelled() {
        rejected(given(assigned(1, W1), failed(1, W1), new TaskDeadLettered(ID, TYPE, 1, 3, "boom", EARLIER))
                .when(new CancelTask(ID, "late")), "is DEAD_LETTERED");
    }

    @Test
    void anUnknownTaskIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new StartTask(ID, W1, 1))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aTaskOfAnAreaIsCreatedWithItsRetryPolicyAndOrigin() {
        RetryPolicy policy = new RetryPolicy(4, 100, 3.0, 2_000);
        TaskOrigin origin = TaskOrigin.reaction("area-1", "execution-1", 2);
        fixture.givenCurrentTime(NOW)
                .when(new CreateTask(ID, TYPE, PAYLOAD, 0, Map.of(), 4, TIMEOUT, null, 12, 30, policy, origin))
                .expectEvents(new TaskCreated(ID, TYPE, PAYLOAD, 0, Map.of(), 4, TIMEOUT, null, 12, 30, NOW, policy,
                        origin));
    }

    @Test
    void aTaskWithItsOwnRetryPolicyWaitsAsItSaysNotAsTheGlobalBackoff() {
        // given a task of an AREA: 100 ms, x3, at most 250 ms (the global backoff would wait 500 ms, then 1 s)
        TaskCreated withPolicy = new TaskCreated(ID, TYPE, PAYLOAD, 0, Map.of(), 4, TIMEOUT, null, 12, 30, EARLIER,
                new RetryPolicy(4, 100, 3.0, 250), TaskOrigin.action("area-1", "execution-1"));

        fixture.givenCurrentTime(NOW).andGiven(withPolicy, assigned(1, W1))
                .when(new CompleteTask(ID, W1, 1, Outcome.FAILURE, Map.of(), "boom"))
                .expectEvents(new TaskCompleted(ID, TYPE, 1, W1, Outcome.FAILURE, Map.of(), "boom", NOW, REWARD),
                        new TaskRetryScheduled(ID, TYPE, 1, 1, NOW.plusMillis(100), "boom", NOW));
        fixture.givenCurrentTime(NOW).andGiven(withPolicy, assigned(1, W1), failed(1, W1), retryScheduled(1, 1),
                        assigned(2, W2))
                .when(new CompleteTask(ID, W2, 2, Outcome.FAILURE, Map.of(), "boom"))
                .expectEvents(new TaskCompleted(ID, TYPE, 2, W2, Outcome.FAILURE, Map.of(), "boom", NOW, REWARD),
                        new TaskRetryScheduled(ID, TYPE, 2, 2, NOW.plusMillis(250), "boom", NOW));
    }
}
