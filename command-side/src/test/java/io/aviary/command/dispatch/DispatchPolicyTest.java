package io.aviary.command.dispatch;

import io.aviary.command.task.TaskCommands.AssignTask;
import io.aviary.events.worker.WorkerState;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchPolicyTest {

    private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");

    private final DispatchPolicy policy = new DispatchPolicy();

    private static WorkerCandidate worker(String id, int slots, int maxQueue, int active) {
        return new WorkerCandidate(id, WorkerState.AVAILABLE, slots, maxQueue, Set.of("noop"), Map.of(), active, null);
    }

    private static WaitingTask task(String id, int priority, long createdSeq) {
        return new WaitingTask(id, "noop", priority, Map.of(), createdSeq, null);
    }

    private List<AssignTask> plan(List<WaitingTask> tasks, WorkerCandidate... workers) {
        return policy.plan(tasks, List.of(workers), NOW);
    }

    @Nested
    class Eligibility {

        @ParameterizedTest
        @EnumSource(value = WorkerState.class, names = {"AVAILABLE", "WORKING"})
        void a_worker_that_accepts_work_gets_the_task(WorkerState state) {
            WorkerCandidate w = new WorkerCandidate("w", state, 1, 1, Set.of("noop"), Map.of(), 0, null);

            assertThat(plan(List.of(task("t", 0, 0)), w)).containsExactly(new AssignTask("t", "w"));
        }

        @ParameterizedTest
        @EnumSource(value = WorkerState.class, names = {"DRAINING", "UPDATING", "DOWN", "DEREGISTERED"})
        void a_worker_that_takes_no_new_work_is_skipped(WorkerState state) {
            WorkerCandidate w = new WorkerCandidate("w", state, 4, 4, Set.of("noop"), Map.of(), 0, null);

            assertThat(plan(List.of(task("t", 0, 0)), w)).isEmpty();
        }

        @Test
        void a_worker_that_does_not_run_the_type_is_skipped() {
            WorkerCandidate sleeper = new WorkerCandidate("sleeper", WorkerState.AVAILABLE, 4, 0, Set.of("sleep"),
                    Map.of(), 0, null);
            WorkerCandidate runner = worker("runner", 1, 0, 0);

            assertThat(plan(List.of(task("t", 0, 0)), sleeper, runner)).containsExactly(new AssignTask("t", "runner"));
            assertThat(plan(List.of(task("t", 0, 0)), sleeper)).isEmpty();
        }

        @Test
        void every_required_label_must_be_present_with_an_equal_value() {
            WaitingTask needsGpuInParis = new WaitingTask("t", "noop", 0, Map.of("gpu", "a100", "zone", "paris"), 0,
                    null);
            WorkerCandidate noLabels = worker("none", 8, 0, 0);
            WorkerCandidate wrongValue = labelled("wrong", Map.of("gpu", "t4", "zone", "paris"));
            WorkerCandidate oneMissing = labelled("missing", Map.of("gpu", "a100"));
            WorkerCandidate match = labelled("match", Map.of("gpu", "a100", "zone", "paris", "extra", "ok"));

            assertThat(plan(List.of(needsGpuInParis), noLabels, wrongValue, oneMissing))
                    .as("no worker carries both labels with equal values").isEmpty();
            assertThat(plan(List.of(needsGpuInParis), noLabels, wrongValue, oneMissing, match))
                    .containsExactly(new AssignTask("t", "match"));
        }

        @Test
        void a_worker_is_full_when_active_reaches_slots_plus_max_queue() {
            WorkerCandidate roomInQueue = worker("w", 2, 1, 2);
            WorkerCandidate full = worker("w", 2, 1, 3);

            assertThat(plan(List.of(task("t", 0, 0)), roomInQueue)).containsExactly(new AssignTask("t", "w"));
            assertThat(plan(List.of(task("t", 0, 0)), full)).isEmpty();
        }

        @Test
        void within_a_round_each_assignment_counts_against_the_worker() {
            WorkerCandidate oneSlotNoQueue = worker("w", 1, 0, 0);

            List<AssignTask> round = plan(List.of(task("a", 0, 0), task("b", 0, 1)), oneSlotNoQueue);

            assertThat(round).containsExactly(new AssignTask("a", "w"));
        }

        private WorkerCandidate labelled(String id, Map<String, String> labels) {
            return new WorkerCandidate(id, WorkerState.AVAILABLE, 8, 0, Set.of("noop"), labels, 0, null);
        }
    }

    @Nested
    class Preference {

        @Test
        void most_free_slots_wins() {
            WorkerCandidate oneFree = worker("one-free", 4, 0, 3);
            WorkerCandidate threeFree = worker("three-free", 4, 0, 1);

            assertThat(plan(List.of(task("t", 0, 0)), oneFree, threeFree))
                    .containsExactly(new AssignTask("t", "three-free"));
        }

        @Test
        void with_no_free_slot_anywhere_the_shortest_queue_wins() {
            WorkerCandidate queueOfTwo = worker("queue-2", 1, 5, 3);
            WorkerCandidate queueOfOne = worker("queue-1", 2, 5, 3);

            assertThat(plan(List.of(task("t", 0, 0)), queueOfTwo, queueOfOne))
                    .containsExactly(new AssignTask("t", "queue-1"));
        }

        @Test
        void on_a_tie_the_least_recently_assigned_wins_and_never_assigned_comes_first() {
            WorkerCandidate recent = assignedAt("recent", NOW.minusSeconds(1));
            WorkerCandidate older = assignedAt("older", NOW.minusSeconds(60));
            WorkerCandidate never = assignedAt("never", null);

            assertThat(plan(List.of(task("t", 0, 0)), recent, older)).containsExactly(new AssignTask("t", "older"));
            assertThat(plan(List.of(task("t", 0, 0)), recent, older, never))
                    .containsExactly(new AssignTask("t", "never"));
        }

        @Test
        void equal_workers_share_a_round_in_turn() {
            List<AssignTask> round = plan(List.of(task("a", 0, 0), task("b", 0, 1), task("c", 0, 2)),
                    worker("w1", 2, 0, 0), worker("w2", 2, 0, 0));

            assertThat(round).extracting(AssignTask::workerId).containsExactly("w1", "w2", "w1");
        }

        private WorkerCandidate assignedAt(String id, Instant at) {
            return new WorkerCandidate(id, WorkerState.AVAILABLE, 2, 0, Set.of("noop"), Map.of(), 1, at);
        }
    }

    @Nested
    class Order {

        @Test
        void higher_priority_goes_first_then_creation_order() {
            WorkerCandidate twoSlots = worker("w", 2, 0, 0);
            List<WaitingTask> queue = List.of(task("low-first", 0, 0), task("high-late", 5, 3),
                    task("mid-early", 1, 1), task("mid-late", 1, 2));

            assertThat(plan(queue, twoSlots)).extracting(AssignTask::taskId).containsExactly("high-late", "mid-early");
        }

        @Test
        void a_task_no_worker_can_take_does_not_block_those_behind_it() {
            WaitingTask urgentGpu = new WaitingTask("gpu", "noop", 9, Map.of("gpu", "yes"), 0, null);

            assertThat(plan(List.of(urgentGpu, task("plain", 0, 1)), worker("w", 1, 0, 0)))
                    .containsExactly(new AssignTask("plain", "w"));
        }

        @Test
        void a_scheduled_retry_waits_for_its_not_before() {
            WaitingTask retry = new WaitingTask("retry", "noop", 9, Map.of(), 0, NOW.plus(Duration.ofMillis(500)));
            WorkerCandidate w = worker("w", 1, 0, 0);

            assertThat(policy.plan(List.of(retry), List.of(w), NOW)).isEmpty();
            assertThat(policy.plan(List.of(retry), List.of(w), NOW.plusMillis(500)))
                    .containsExactly(new AssignTask("retry", "w"));
        }
    }
}
