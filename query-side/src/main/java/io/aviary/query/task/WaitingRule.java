package io.aviary.query.task;

import io.aviary.events.task.TaskStatus;
import io.aviary.events.worker.WorkerState;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.aviary.query.task.WaitingReason.Code.ALL_WORKERS_FULL;
import static io.aviary.query.task.WaitingReason.Code.NO_AVAILABLE_WORKER;
import static io.aviary.query.task.WaitingReason.Code.NO_WORKER_FOR_TYPE;
import static io.aviary.query.task.WaitingReason.Code.NO_WORKER_WITH_LABELS;

/**
 * Why a task has no worker, from the dispatcher's eligibility rule (DESIGN §5) taken apart step by step: a worker is
 * eligible when it takes work (AVAILABLE or WORKING), runs the task's type, carries every required label with an
 * equal value and holds fewer than slots + maxQueue attempts. The first step no worker passes is the reason. A
 * DEREGISTERED worker left the fleet for good and does not count as registered.
 */
final class WaitingRule {

    private WaitingRule() {
    }

    /** Waiting to be assigned: queued, or a scheduled retry whose not-before time has come. */
    static boolean waitsForWorker(TaskStatus status, Instant notBefore, Instant now) {
        return status == TaskStatus.QUEUED
                || status == TaskStatus.RETRY_SCHEDULED && (notBefore == null || !notBefore.isAfter(now));
    }

    /** The reason, or empty when an eligible worker has room (the task goes in a coming dispatch round). */
    static Optional<WaitingReason> explain(String type, Map<String, String> requiredLabels, List<FleetWorker> fleet) {
        List<FleetWorker> registered = fleet.stream()
                .filter(worker -> worker.state() != WorkerState.DEREGISTERED && worker.runs(type)).toList();
        if (registered.isEmpty()) {
            return reason(NO_WORKER_FOR_TYPE, "no registered worker accepts type " + type);
        }
        List<FleetWorker> up = registered.stream().filter(worker -> worker.state().acceptsWork()).toList();
        if (up.isEmpty()) {
            return reason(NO_AVAILABLE_WORKER, "no AVAILABLE worker accepts type " + type + " ("
                    + registered.size() + " registered: " + byState(registered) + ")");
        }
        List<FleetWorker> eligible = up.stream().filter(worker -> worker.carries(requiredLabels)).toList();
        if (eligible.isEmpty()) {
            return reason(NO_WORKER_WITH_LABELS, "no AVAILABLE worker for type " + type + " has the labels "
                    + new TreeMap<>(requiredLabels));
        }
        if (eligible.stream().noneMatch(FleetWorker::hasRoom)) {
            return reason(ALL_WORKERS_FULL, eligible.size() == 1 ? "the only eligible worker is full"
                    : "all " + eligible.size() + " eligible workers are full");
        }
        return Optional.empty();
    }

    /** {@code 1 DOWN, 2 DRAINING}, in the order of {@link WorkerState}. */
    private static String byState(List<FleetWorker> workers) {
        Map<WorkerState, Long> counts = workers.stream()
                .collect(Collectors.groupingBy(FleetWorker::state, () -> new EnumMap<>(WorkerState.class),
                        Collectors.counting()));
        return counts.entrySet().stream().map(count -> count.getValue() + " " + count.getKey())
                .collect(Collectors.joining(", "));
    }

    private static Optional<WaitingReason> reason(WaitingReason.Code code, String message) {
        return Optional.of(new WaitingReason(code, message));
    }
}
