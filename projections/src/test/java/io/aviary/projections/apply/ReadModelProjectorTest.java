package io.aviary.projections.apply;

import io.aviary.events.task.Outcome;
import io.aviary.events.worker.WorkerState;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.aviary.projections.apply.EventFeed.newTaskId;
import static io.aviary.projections.apply.EventFeed.newWorkerId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projector against a real MongoDB wire server: the documents a sequence of events produces, and that feeding the
 * same events again (alone, in other batches, or an older one out of order) leaves every document identical.
 */
class ReadModelProjectorTest {

    private static ReadModelStore store;
    private static ReadModelProjector projector;

    @BeforeAll
    static void freshDatabase() {
        store = new ReadModelStore("projector");
        projector = new ReadModelProjector(store.database());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void failedAttemptIsRetriedAndCompletesOnTheSecondAttempt() {
        // given
        String worker = newWorkerId();
        String task = newTaskId();
        EventFeed feed = new EventFeed()
                .registered(worker, "retry-worker", "fail")
                .created(task, "fail", 3)
                .assigned(task, "fail", 1, worker)
                .started(task, "fail", 1, worker)
                .completed(task, "fail", 1, worker, Outcome.FAILURE)
                .retryScheduled(task, "fail", 1, 1)
                .assigned(task, "fail", 2, worker)
                .started(task, "fail", 2, worker)
                .completed(task, "fail", 2, worker, Outcome.SUCCESS);

        // when
        BatchResult result = projector.apply(feed.events());

        // then
        assertThat(result.applied()).isEqualTo(9);
        Document doc = store.task(task);
        assertThat(doc.getString("status")).isEqualTo("COMPLETED");
        assertThat(doc.getInteger("attempt")).isEqualTo(2);
        assertThat(doc.getString("outcome")).isEqualTo("SUCCESS");
        assertThat(doc.getString("workerId")).isEqualTo(worker);
        assertThat(doc.getInteger("failures")).isEqualTo(1);
        assertThat(doc.getInteger("assignmentFee")).isEqualTo(12);
        assertThat(doc.getInteger("completionReward")).isEqualTo(30);
        assertThat(doc.get("output", Document.class)).containsEntry("result", "SUCCESS");
        assertThat(doc.getLong("seq")).isEqualTo(7);
        assertThat(timeline(doc, "event")).containsExactly("TaskCreated", "TaskAssigned", "TaskStarted",
                "TaskCompleted", "TaskRetryScheduled", "TaskAssigned", "TaskStarted", "TaskCompleted");
        assertThat(timeline(doc, "status")).containsExactly("QUEUED", "ASSIGNED", "RUNNING", "RUNNING",
                "RETRY_SCHEDULED", "ASSIGNED", "RUNNING", "COMPLETED");

        Document queue = store.queue(worker);
        assertThat(queue.getList("current", Document.class)).isEmpty();
        assertThat(entries(queue, "history", "status")).containsExactly("SUCCESS", "FAILURE");
        assertThat(entries(queue, "history", "attempt")).containsExactly(2, 1);

        Document lastFail = lastOutcome(worker, "fail");
        assertThat(lastFail.getString("taskId")).isEqualTo(task);
        assertThat(lastFail.getString("outcome")).isEqualTo("SUCCESS");
        assertThat(lastFail.getDate("at").toInstant()).isEqualTo(feed.now().truncatedTo(ChronoUnit.MILLIS));

        assertRedeliveryChangesNothing(feed, 3);
    }

    @Test
    void taskThatTimesOutOnItsLastAttemptIsDeadLettered() {
        // given
        String first = newWorkerId();
        String second = newWorkerId();
        String task = newTaskId();
        EventFeed feed = new EventFeed()
                .created(task, "sleep", 2)
                .assigned(task, "sleep", 1, first)
                .started(task, "sleep", 1, first)
                .completed(task, "sleep", 1, first, Outcome.FAILURE)
                .retryScheduled(task, "sleep", 1, 1)
                .assigned(task, "sleep", 2, second)
                .started(task, "sleep", 2, second)
                .timedOut(task, "sleep", 2, second)
                .deadLettered(task, "sleep", 2, 2);

        // when
        projector.apply(feed.events());

        // then
        Document doc = store.task(task);
        assertThat(doc.getString("status")).isEqualTo("DEAD_LETTERED");
        assertThat(doc.getString("outcome")).isEqualTo("FAILURE");
        assertThat(doc.getInteger("failures")).isEqualTo(2);
        assertThat(doc.getString("workerId")).isEqualTo(second);
        assertThat(timeline(doc, "event")).endsWith("TaskTimedOut", "TaskDeadLettered");
        assertThat(entries(store.queue(first), "history", "status")).containsExactly("FAILURE");
        assertThat(entries(store.queue(second), "history", "status")).containsExactly("TIMED_OUT");
        // the dead letter counts for the worker of the last attempt, not for the first one
        Document outcome = lastOutcome(second, "sleep");
        assertThat(outcome.getString("outcome")).isEqualTo("FAILURE");
        assertThat(outcome.getString("status")).isEqualTo("DEAD_LETTERED");
        assertThat(store.worker(first)).isNull();

        assertRedeliveryChangesNothing(feed, 5);
    }

    @Test
    void cancellingAnAssignedTaskTakesItOffTheWorkersQueue() {
        // given
        String worker = newWorkerId();
        String assignedTask = newTaskId();
        String queuedTask = newTaskId();
        EventFeed feed = new EventFeed()
                .created(assignedTask, "noop", 3)
                .assigned(assignedTask, "noop", 1, worker)
                .created(queuedTask, "noop", 3)
                .cancelled(queuedTask, "noop", 0, null)
                .cancelled(assignedTask, "noop", 1, worker);

        // when
        projector.apply(feed.events());

        // then
        assertThat(store.task(assignedTask).getString("status")).isEqualTo("CANCELLED");
        assertThat(store.task(assignedTask).getString("message")).isEqualTo("no longer needed");
        assertThat(timeline(store.task(queuedTask), "status")).containsExactly("QUEUED", "CANCELLED");
        Document queue = store.queue(worker);
        assertThat(queue.getList("current", Document.class)).isEmpty();
        assertThat(entries(queue, "history", "taskId")).containsExactly(assignedTask);
        assertThat(entries(queue, "history", "status")).containsExactly("CANCELLED");
        // a cancelled task is not a finished instance for lastOutcomes
        assertThat(store.worker(worker)).isNull();

        assertRedeliveryChangesNothing(feed, 1);
    }

    @Test
    void reassignedAndRequeuedAttemptsMoveBetweenWorkerQueues() {
        // given
        String first = newWorkerId();
        String second = newWorkerId();
        String third = newWorkerId();
        String task = newTaskId();
        EventFeed feed = new EventFeed()
                .created(task, "noop", 3)
                .assigned(task, "noop", 1, first)
                .reassigned(task, "noop", 2, first, second)
                .requeued(task, "noop", 2, second)
                .assigned(task, "noop", 3, third)
                .started(task, "noop", 3, third)
                .completed(task, "noop", 3, third, Outcome.WARNING);

        // when
        projector.apply(feed.events());

        // then
        Document doc = store.task(task);
        assertThat(doc.getString("status")).isEqualTo("COMPLETED");
        assertThat(doc.getString("outcome")).isEqualTo("WARNING");
        assertThat(doc.getInteger("attempt")).isEqualTo(3);
        assertThat(doc.getInteger("failures")).isZero();
        assertThat(timeline(doc, "status")).containsExactly("QUEUED", "ASSIGNED", "ASSIGNED", "QUEUED", "ASSIGNED",
                "RUNNING", "COMPLETED");
        assertThat(timeline(doc, "workerId")).containsExactly(null, first, second, second, third, third, third);
        assertThat(entries(store.queue(first), "history", "status")).containsExactly("REASSIGNED");
        assertThat(entries(store.queue(second), "history", "status")).containsExactly("REQUEUED");
        assertThat(entries(store.queue(third), "history", "status")).containsExactly("WARNING");
        for (String worker : List.of(first, second, third)) {
            assertThat(store.queue(worker).getList("current", Document.class)).isEmpty();
        }
        assertThat(lastOutcome(third, "noop").getString("outcome")).isEqualTo("WARNING");

        assertRedeliveryChangesNothing(feed, 2);
    }

    @Test
    void currentQueueListsHeldAttemptsOldestAssignmentFirst() {
        // given
        String worker = newWorkerId();
        String running = newTaskId();
        String waiting = newTaskId();
        EventFeed feed = new EventFeed()
                .created(running, "sleep", 3)
                .created(waiting, "noop", 3)
                .assigned(running, "sleep", 1, worker)
                .assigned(waiting, "noop", 1, worker)
                .started(running, "sleep", 1, worker);

        // when
        projector.apply(feed.events());

        // then
        Document queue = store.queue(worker);
        assertThat(entries(queue, "current", "taskId")).containsExactly(running, waiting);
        assertThat(entries(queue, "current", "status")).containsExactly("RUNNING", "ASSIGNED");
        assertThat(entries(queue, "current", "priority")).containsExactly(5, 5);
        assertThat(queue.getList("history", Document.class)).isEmpty();
        assertThat(store.task(running).getString("status")).isEqualTo("RUNNING");
        assertThat(store.task(waiting).getString("status")).isEqualTo("ASSIGNED");

        assertRedeliveryChangesNothing(feed, 3);
    }

    @Test
    void workerDocumentFollowsRegistrationStateAndCapacity() {
        // given
        String worker = newWorkerId();
        EventFeed feed = new EventFeed()
                .registered(worker, "fleet-1", "noop", "sleep")
                .stateChanged(worker, WorkerState.AVAILABLE, WorkerState.DRAINING, "maintenance")
                .capacityChanged(worker, 8, 20, "noop", "http");

        // when
        projector.apply(feed.events());

        // then
        Document doc = store.worker(worker);
        assertThat(doc.getString("name")).isEqualTo("fleet-1");
        assertThat(doc.getString("hardwareId")).isEqualTo("hw-fleet-1");
        assertThat(doc.getString("state")).isEqualTo("DRAINING");
        assertThat(doc.getString("stateReason")).isEqualTo("maintenance");
        assertThat(doc.getInteger("slots")).isEqualTo(8);
        assertThat(doc.getInteger("maxQueue")).isEqualTo(20);
        assertThat(doc.getList("taskTypes", String.class)).containsExactly("noop", "http");
        assertThat(doc.get("labels", Document.class)).containsEntry("zone", "us");
        assertThat(doc.getDate("registeredAt")).isBefore(doc.getDate("updatedAt"));
        assertThat(doc.getLong("seq")).isEqualTo(2);

        // an older state change delivered late does not win over the newer one
        assertRedeliveryChangesNothing(feed, 1);
    }

    @Test
    void lastOutcomeKeepsTheMostRecentlyFinishedTaskOfEachType() {
        // given two tasks of one type finished on one worker; the later-finished one is projected first
        String worker = newWorkerId();
        String older = newTaskId();
        String newer = newTaskId();
        String other = newTaskId();
        EventFeed feed = new EventFeed()
                .registered(worker, "outcomes", "noop", "http")
                .created(older, "noop", 1)
                .created(newer, "noop", 1)
                .created(other, "http", 1)
                .assigned(older, "noop", 1, worker)
                .assigned(newer, "noop", 1, worker)
                .assigned(other, "http", 1, worker)
                .completed(older, "noop", 1, worker, Outcome.WARNING)
                .completed(newer, "noop", 1, worker, Outcome.SUCCESS)
                .completed(other, "http", 1, worker, Outcome.SUCCESS);
        List<ProjectedEvent> events = feed.events();
        List<ProjectedEvent> newerFirst = events.stream()
                .filter(e -> !e.event().aggregateId().equals(older)).toList();
        List<ProjectedEvent> olderLast = events.stream()
                .filter(e -> e.event().aggregateId().equals(older)).toList();

        // when
        projector.apply(newerFirst);
        projector.apply(olderLast);

        // then
        Document outcomes = store.worker(worker).get("lastOutcomes", Document.class);
        assertThat(outcomes.keySet()).containsExactly("http", "noop");
        assertThat(outcomes.get("noop", Document.class).getString("taskId")).isEqualTo(newer);
        assertThat(outcomes.get("noop", Document.class).getString("outcome")).isEqualTo("SUCCESS");
        assertThat(outcomes.get("http", Document.class).getString("taskId")).isEqualTo(other);
        assertThat(entries(store.queue(worker), "history", "taskId")).containsExactly(other, newer, older);

        assertRedeliveryChangesNothing(feed, 7);
    }

    @Test
    void outcomeProjectedBeforeTheWorkersRegistrationIsKept() {
        // given task events (another partition) overtake the worker's registration
        String worker = newWorkerId();
        String task = newTaskId();
        EventFeed feed = new EventFeed()
                .created(task, "noop", 1)
                .assigned(task, "noop", 1, worker)
                .completed(task, "noop", 1, worker, Outcome.SUCCESS)
                .registered(worker, "late-registration", "noop");
        List<ProjectedEvent> events = feed.events();

        // when
        projector.apply(events.subList(0, 3));
        Document beforeRegistration = store.worker(worker);
        projector.apply(events.subList(3, 4));

        // then
        assertThat(beforeRegistration.containsKey("name")).isFalse();
        Document doc = store.worker(worker);
        assertThat(doc.getString("name")).isEqualTo("late-registration");
        assertThat(doc.get("lastOutcomes", Document.class).get("noop", Document.class).getString("taskId"))
                .isEqualTo(task);

        assertRedeliveryChangesNothing(feed, 0);
    }

    @Test
    void batchCutAnywhereGivesTheSameDocumentsAsOneBatch() {
        // given one history applied in one batch, and the same history one event per batch elsewhere
        EventFeed feed = lifecycleOfThreeTasks();
        try (ReadModelStore whole = new ReadModelStore("projector_whole");
             ReadModelStore oneByOne = new ReadModelStore("projector_one_by_one")) {
            ReadModelProjector oneByOneProjector = new ReadModelProjector(oneByOne.database());

            // when
            new ReadModelProjector(whole.database()).apply(feed.events());
            feed.events().forEach(event -> oneByOneProjector.apply(List.of(event)));

            // then
            assertThat(oneByOne.snapshot()).isEqualTo(whole.snapshot());
        }
    }

    @Test
    void batchReplayedAfterACrashBeforeTheTasksWereWrittenGivesTheSameDocuments() {
        // given a batch whose queue and worker writes landed but whose task writes did not
        EventFeed feed = lifecycleOfThreeTasks();
        try (ReadModelStore crashed = new ReadModelStore("projector_crash")) {
            ReadModelProjector crashedProjector = new ReadModelProjector(crashed.database());
            crashedProjector.apply(feed.events());
            Map<String, List<Document>> complete = crashed.snapshot();
            crashed.database().getCollection("tasks").drop();

            // when the batch is delivered again
            crashedProjector.apply(feed.events());

            // then queue histories hold each attempt once, and every document is as after a clean apply
            assertThat(crashed.snapshot()).isEqualTo(complete);
        }
    }

    @Test
    void historyKeepsTheMostRecentHundredAttempts() {
        // given
        String worker = newWorkerId();
        EventFeed feed = new EventFeed();
        String lastTask = null;
        for (int i = 0; i < 105; i++) {
            lastTask = newTaskId();
            feed.created(lastTask, "noop", 1).assigned(lastTask, "noop", 1, worker)
                    .completed(lastTask, "noop", 1, worker, Outcome.SUCCESS);
        }

        // when
        projector.apply(feed.events());

        // then
        List<Document> history = store.queue(worker).getList("history", Document.class);
        assertThat(history).hasSize(100);
        assertThat(history.get(0).getString("taskId")).isEqualTo(lastTask);
        assertThat(history.get(0).getDate("finishedAt")).isAfter(history.get(99).getDate("finishedAt"));

        assertRedeliveryChangesNothing(feed, 4);
    }

    /** Three tasks on two workers, interleaved: retry, reassignment and cancel. */
    private static EventFeed lifecycleOfThreeTasks() {
        String w1 = newWorkerId();
        String w2 = newWorkerId();
        String a = newTaskId();
        String b = newTaskId();
        String c = newTaskId();
        return new EventFeed()
                .registered(w1, "w1-" + w1, "noop", "fail")
                .registered(w2, "w2-" + w2, "noop")
                .created(a, "fail", 3).created(b, "noop", 3).created(c, "noop", 3)
                .assigned(a, "fail", 1, w1).assigned(b, "noop", 1, w1).assigned(c, "noop", 1, w2)
                .started(a, "fail", 1, w1)
                .reassigned(b, "noop", 2, w1, w2)
                .completed(a, "fail", 1, w1, Outcome.FAILURE)
                .retryScheduled(a, "fail", 1, 1)
                .started(b, "noop", 2, w2)
                .cancelled(c, "noop", 1, w2)
                .assigned(a, "fail", 2, w1)
                .completed(b, "noop", 2, w2, Outcome.SUCCESS)
                .started(a, "fail", 2, w1)
                .stateChanged(w2, WorkerState.AVAILABLE, WorkerState.DOWN, "missed heartbeats")
                .completed(a, "fail", 2, w1, Outcome.SUCCESS);
    }

    /**
     * Delivers every event again (in one batch, then one by one) and an older one once more, and checks that no
     * document changed.
     */
    private static void assertRedeliveryChangesNothing(EventFeed feed, int olderIndex) {
        Map<String, List<Document>> before = store.snapshot();

        BatchResult again = projector.apply(feed.events());
        feed.events().forEach(event -> projector.apply(List.of(event)));
        BatchResult older = projector.apply(List.of(feed.get(olderIndex)));

        assertThat(again.applied()).isZero();
        assertThat(again.documentsWritten()).isZero();
        assertThat(older.applied()).isZero();
        assertThat(store.snapshot()).isEqualTo(before);
    }

    private static Document lastOutcome(String workerId, String taskType) {
        return store.worker(workerId).get("lastOutcomes", Document.class).get(taskType, Document.class);
    }

    private static List<Object> timeline(Document task, String field) {
        return task.getList("timeline", Document.class).stream().map(entry -> entry.get(field)).toList();
    }

    private static List<Object> entries(Document queue, String list, String field) {
        return queue.getList(list, Document.class).stream().map(entry -> entry.get(field)).toList();
    }
}
