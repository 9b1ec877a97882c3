package io.aviary.command.shuffle;

import io.aviary.command.dispatch.DispatchPolicy;
import io.aviary.command.dispatch.OpenTaskView;
import io.aviary.command.dispatch.OpenWork;
import io.aviary.command.dispatch.WorkerCandidate;
import io.aviary.command.task.TaskCommands.AssignTask;
import io.aviary.command.task.TaskCommands.ReassignTask;
import io.aviary.events.task.TaskStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The shuffle rule, free of Axon and threads. For every open task, in creation order:
 * <ul>
 *   <li>RUNNING: left alone (its worker is executing it; moving it would run it twice);</li>
 *   <li>ASSIGNED: {@link ReassignTask} to a random eligible worker other than the current one;</li>
 *   <li>QUEUED or RETRY_SCHEDULED (due or not): {@link AssignTask} to a random eligible worker;</li>
 *   <li>no such worker: unchanged, counted as without an eligible worker.</li>
 * </ul>
 * Eligibility is the dispatcher's ({@link DispatchPolicy#eligibleWorkers}: up, type, labels, room). Each move counts
 * against the capacity of the worker it goes to, and frees one place at the worker it leaves, for the rest of the
 * plan. Random choices draw from the given generator over the eligible workers in id order, so a seeded generator
 * gives a repeatable plan.
 */
public final class ShufflePlanner {

    /** The reason recorded in {@code TaskReassigned}. */
    public static final String REASON = "shuffle";

    /**
     * A shuffle to carry out.
     *
     * @param commands              {@link ReassignTask} and {@link AssignTask}, in task creation order
     * @param skippedRunning        running tasks left alone
     * @param withoutEligibleWorker tasks no (other) eligible worker could take
     */
    public record Plan(List<Object> commands, int skippedRunning, int withoutEligibleWorker) {

        public Plan {
            commands = List.copyOf(commands);
        }
    }

    private final DispatchPolicy policy;

    public ShufflePlanner(DispatchPolicy policy) {
        this.policy = policy;
    }

    public Plan plan(OpenWork work, RandomGenerator random, Instant now) {
        Map<String, WorkerCandidate> fleet = new TreeMap<>();
        work.workers().forEach(worker -> fleet.put(worker.workerId(), worker));
        List<Object> commands = new ArrayList<>();
        int running = 0;
        int stuck = 0;
        for (OpenTaskView task : work.tasks().stream().sorted(Comparator.comparingLong(OpenTaskView::createdSeq))
                .toList()) {
            switch (task.status()) {
                case RUNNING -> running++;
                case ASSIGNED, QUEUED, RETRY_SCHEDULED -> {
                    List<WorkerCandidate> eligible = policy.eligibleWorkers(task.asWaiting(), fleet.values()).stream()
                            .filter(worker -> !worker.workerId().equals(task.workerId()))
                            .toList();
                    if (eligible.isEmpty()) {
                        stuck++;
                    } else {
                        WorkerCandidate chosen = eligible.get(random.nextInt(eligible.size()));
                        commands.add(move(task, chosen.workerId()));
                        fleet.put(chosen.workerId(), chosen.withOneMore(now));
                        if (task.workerId() != null && fleet.containsKey(task.workerId())) {
                            fleet.put(task.workerId(), withOneLess(fleet.get(task.workerId())));
                        }
                    }
                }
                default -> throw new IllegalStateException("not an open task: " + task);
            }
        }
        return new Plan(commands, running, stuck);
    }

    private static Object move(OpenTaskView task, String toWorkerId) {
        return task.status() == TaskStatus.ASSIGNED
                ? new ReassignTask(task.taskId(), toWorkerId, REASON)
                : new AssignTask(task.taskId(), toWorkerId);
    }

    private static WorkerCandidate withOneLess(WorkerCandidate worker) {
        return new WorkerCandidate(worker.workerId(), worker.state(), worker.slots(), worker.maxQueue(),
                worker.taskTypes(), worker.labels(), Math.max(0, worker.active() - 1), worker.lastAssignedAt());
    }
}
