package io.aviary.query.task;

import io.aviary.events.task.TaskStatus;
import io.aviary.events.worker.WorkerState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The waiting reason's precedence, on workers built in memory. */
class WaitingRuleTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
    private static final Map<String, String> NONE = Map.of();

    @Test
    void queuedTasksAndDueRetriesWaitForAWorker() {
        assertThat(WaitingRule.waitsForWorker(TaskStatus.QUEUED, null, NOW)).isTrue();
        assertThat(WaitingRule.waitsForWorker(TaskStatus.RETRY_SCHEDULED, NOW, NOW)).isTrue();
        assertThat(WaitingRule.waitsForWorker(TaskStatus.RETRY_SCHEDULED, NOW.plusSeconds(1), NOW)).isFalse();
        assertThat(WaitingRule.waitsForWorker(TaskStatus.ASSIGNED, null, NOW)).isFalse();
        assertThat(WaitingRule.waitsForWorker(TaskStatus.COMPLETED, null, NOW)).isFalse();
    }

    @Test
    void aTypeNoRegisteredWorkerRunsIsTheFirstReason() {
        // given workers of other types, and a deregistered one of the type
        List<FleetWorker> fleet = List.of(worker(WorkerState.AVAILABLE, "noop"),
                worker(WorkerState.DEREGISTERED, "render"));

        // then nobody registered runs "render"
        assertThat(WaitingRule.explain("render", Map.of("gpu", "yes"), fleet))
                .contains(new WaitingReason(WaitingReason.Code.NO_WORKER_FOR_TYPE,
                        "no registered worker accepts type render"));
        assertThat(WaitingRule.explain("render", NONE, List.of())).map(WaitingReason::code)
                .contains(WaitingReason.Code.NO_WORKER_FOR_TYPE);
    }

    @Test
    void workersOfTheTypeThatTakeNoWorkAreCountedByState() {
        List<FleetWorker> fleet = List.of(worker(WorkerState.DRAINING, "render"), worker(WorkerState.DOWN, "render"),
                worker(WorkerState.DOWN, "render"), worker(WorkerState.AVAILABLE, "noop"));

        assertThat(WaitingRule.explain("render", NONE, fleet))
                .contains(new WaitingReason(WaitingReason.Code.NO_AVAILABLE_WORKER,
                        "no AVAILABLE worker accepts type render (3 registered: 1 DRAINING, 2 DOWN)"));
    }

    @Test
    void missingLabelsComeBeforeFullWorkers() {
        // given a full worker with the labels that takes no work, and a free one that lacks a label value
        List<FleetWorker> fleet = List.of(
                worker(WorkerState.UPDATING, "render", Map.of("gpu", "yes", "zone", "eu"), 0),
                worker(WorkerState.WORKING, "render", Map.of("gpu", "no", "zone", "eu"), 0));

        assertThat(WaitingRule.explain("render", Map.of("zone", "eu", "gpu", "yes"), fleet))
                .contains(new WaitingReason(WaitingReason.Code.NO_WORKER_WITH_LABELS,
                        "no AVAILABLE worker for type render has the labels {gpu=yes, zone=eu}"));
    }

    @Test
    void eligibleWorkersHoldingSlotsPlusMaxQueueAreFull() {
        // slots 2 + maxQueue 1: three attempts fill a worker
        List<FleetWorker> full = List.of(worker(WorkerState.WORKING, "render", NONE, 3),
                worker(WorkerState.AVAILABLE, "render", NONE, 4), worker(WorkerState.DOWN, "render", NONE, 0));

        assertThat(WaitingRule.explain("render", NONE, full))
                .contains(new WaitingReason(WaitingReason.Code.ALL_WORKERS_FULL, "all 2 eligible workers are full"));
        assertThat(WaitingRule.explain("render", NONE, full.subList(0, 1))).map(WaitingReason::message)
                .contains("the only eligible worker is full");
    }

    @Test
    void aTaskAnEligibleWorkerHasRoomForHasNoReason() {
        // a WORKING worker (every slot busy) still has queue room
        List<FleetWorker> fleet = List.of(worker(WorkerState.AVAILABLE, "render", Map.of("zone", "eu"), 3),
                worker(WorkerState.WORKING, "render", Map.of("zone", "eu"), 2));

        Optional<WaitingReason> reason = WaitingRule.explain("render", Map.of("zone", "eu"), fleet);

        assertThat(reason).isEmpty();
    }

    private static FleetWorker worker(WorkerState state, String type) {
        return worker(state, type, NONE, 0);
    }

    private static FleetWorker worker(WorkerState state, String type, Map<String, String> labels, int active) {
        return new FleetWorker("w-" + state + "-" + labels + "-" + active, state, List.of(type), labels, 2, 1, active);
    }
}
