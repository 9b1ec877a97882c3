package io.aviary.command.shuffle;

import io.aviary.command.dispatch.DispatchPolicy;
import io.aviary.command.dispatch.OpenTaskView;
import io.aviary.command.dispatch.OpenWork;
import io.aviary.command.dispatch.WorkerCandidate;
import io.aviary.command.task.TaskCommands.AssignTask;
import io.aviary.command.task.TaskCommands.ReassignTask;
import io.aviary.events.task.TaskStatus;
import io.aviary.events.worker.WorkerState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ShufflePlannerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private final ShufflePlanner planner = new ShufflePlanner(new DispatchPolicy());
    private long seq;

    private OpenTaskView task(String id, TaskStatus status, String workerId) {
        return new OpenTaskView(id, "noop", 0, Map.of(), seq++, status, workerId, workerId == null ? 0 : 1);
    }

    private static WorkerCandidate worker(String id, int active, int slots, int maxQueue) {
        return new WorkerCandidate(id, WorkerState.AVAILABLE, slots, maxQueue, Set.of("noop"), Map.of(), active,
                null);
    }

    private static WorkerCandidate worker(String id) {
        return worker(id, 0, 1, 10);
    }

    @Test
    void an_assigned_task_moves_to_another_eligible_worker_and_a_running_one_stays() {
        OpenWork work = new OpenWork(List.of(task("t-assigned", TaskStatus.ASSIGNED, "a"),
                task("t-running", TaskStatus.RUNNING, "a")), List.of(worker("a", 2, 1, 10), worker("b")));

        ShufflePlanner.Plan plan = planner.plan(work, new Random(1), NOW);

        assertThat(plan.commands()).containsExactly(new ReassignTask("t-assigned", "b", "shuffle"));
        assertThat(plan.skippedRunning()).isEqualTo(1);
        assertThat(plan.withoutEligibleWorker()).isZero();
    }

    @Test
    void waiting_tasks_queued_or_retrying_are_assigned_to_an_eligible_worker() {
        OpenWork work = new OpenWork(List.of(task("t-queued", TaskStatus.QUEUED, null),
                task("t-retry", TaskStatus.RETRY_SCHEDULED, null)), List.of(worker("a")));

        ShufflePlanner.Plan plan = planner.plan(work, new Random(1), NOW);

        assertThat(plan.commands()).containsExactly(new AssignTask("t-queued", "a"), new AssignTask("t-retry", "a"));
    }

    @Test
    void a_task_with_no_other_eligible_worker_is_left_alone_and_counted() {
        WorkerCandidate down = new WorkerCandidate("down", WorkerState.DOWN, 1, 10, Set.of("noop"), Map.of(), 0,
                null);
        WorkerCandidate otherType = new WorkerCandidate("other", WorkerState.AVAILABLE, 1, 10, Set.of("sleep"),
                Map.of(), 0, null);
        WorkerCandidate full = worker("full", 1, 1, 0);
        OpenWork work = new OpenWork(List.of(task("t-assigned", TaskStatus.ASSIGNED, "a"),
                task("t-queued", TaskStatus.QUEUED, null)), List.of(worker("a", 1, 1, 0), down, otherType, full));

        ShufflePlanner.Plan plan = planner.plan(work, new Random(1), NOW);

        assertThat(plan.commands()).isEmpty();
        assertThat(plan.withoutEligibleWorker()).isEqualTo(2);
    }

    @Test
    void each_move_uses_up_room_at_the_new_worker_and_frees_room_at_the_old_one() {
        // given: "a" holds two assigned tasks and is full; "b" has room for exactly one more task
        OpenWork work = new OpenWork(List.of(task("t1", TaskStatus.ASSIGNED, "a"), task("t2", TaskStatus.ASSIGNED, "a"),
                task("t3", TaskStatus.QUEUED, null)), List.of(worker("a", 2, 1, 1), worker("b", 0, 1, 0)));

        ShufflePlanner.Plan plan = planner.plan(work, new Random(1), NOW);

        // then t1 fills "b", t2 finds no other worker with room, and t3 takes the place t1 freed at "a"
        assertThat(plan.commands()).containsExactly(new ReassignTask("t1", "b", "shuffle"),
                new AssignTask("t3", "a"));
        assertThat(plan.withoutEligibleWorker()).isEqualTo(1);
    }

    @Test
    void the_choice_is_random_among_the_eligible_and_repeatable_with_a_seed() {
        OpenWork work = new OpenWork(List.of(task("t1", TaskStatus.ASSIGNED, "a")),
                List.of(worker("a", 1, 1, 10), worker("b"), worker("c"), worker("d")));

        Set<Object> chosen = new HashSet<>();
        for (int seed = 0; seed < 50; seed++) {
            ShufflePlanner.Plan plan = planner.plan(work, new Random(seed), NOW);
            assertThat(planner.plan(work, new Random(seed), NOW)).isEqualTo(plan);
            chosen.add(((ReassignTask) plan.commands().get(0)).toWorkerId());
        }

        assertThat(chosen).containsExactlyInAnyOrder("b", "c", "d");
    }
}
