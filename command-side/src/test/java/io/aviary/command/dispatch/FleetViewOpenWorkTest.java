package io.aviary.command.dispatch;

import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskStatus;
import io.aviary.events.worker.WorkerState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.aviary.command.dispatch.FleetEvents.T0;
import static io.aviary.command.dispatch.FleetEvents.assigned;
import static io.aviary.command.dispatch.FleetEvents.cancelled;
import static io.aviary.command.dispatch.FleetEvents.completed;
import static io.aviary.command.dispatch.FleetEvents.created;
import static io.aviary.command.dispatch.FleetEvents.registered;
import static io.aviary.command.dispatch.FleetEvents.retryScheduled;
import static io.aviary.command.dispatch.FleetEvents.started;
import static io.aviary.command.dispatch.FleetEvents.stateChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The read-only view of the open work the shuffle plans on, and the eligibility rule it shares. */
class FleetViewOpenWorkTest {

    private final FleetView view = new FleetView(new DispatchPolicy(), new AttemptSweep());

    @Test
    void open_work_lists_every_unfinished_task_with_its_status_and_holder_in_creation_order() {
        // given a worker and five tasks in every open state, plus two finished ones
        view.on(registered("w1", 2, 5, T0));
        view.on(created("queued", 0, T0));
        view.on(created("assigned", 9, T0));
        view.on(created("running", 0, T0));
        view.on(created("retrying", 0, T0));
        view.on(created("done", 0, T0));
        view.on(created("cancelled", 0, T0));
        view.on(assigned("assigned", 1, "w1", T0));
        view.on(assigned("running", 1, "w1", T0));
        view.on(started("running", 1, "w1", T0));
        view.on(assigned("retrying", 1, "w1", T0));
        view.on(completed("retrying", 1, "w1", Outcome.FAILURE, T0));
        view.on(retryScheduled("retrying", 1, T0.plusSeconds(60), T0));
        view.on(assigned("done", 1, "w1", T0));
        view.on(completed("done", 1, "w1", Outcome.SUCCESS, T0));
        view.on(cancelled("cancelled", 0, null, T0));

        // when the open work is read
        OpenWork work = view.openWork();

        // then
        assertThat(work.tasks()).extracting(OpenTaskView::taskId, OpenTaskView::status, OpenTaskView::workerId,
                OpenTaskView::attempt).containsExactly(
                tuple("queued", TaskStatus.QUEUED, null, 0),
                tuple("assigned", TaskStatus.ASSIGNED, "w1", 1),
                tuple("running", TaskStatus.RUNNING, "w1", 1),
                tuple("retrying", TaskStatus.RETRY_SCHEDULED, null, 0));
        assertThat(work.workers()).singleElement().satisfies(worker -> {
            assertThat(worker.workerId()).isEqualTo("w1");
            assertThat(worker.active()).isEqualTo(2);
        });
    }

    @Test
    void eligible_workers_are_those_the_dispatcher_could_choose() {
        view.on(registered("fits", 1, 0, List.of("noop"), Map.of("zone", "a"), T0));
        view.on(registered("wrong-type", 1, 0, List.of("other"), Map.of("zone", "a"), T0));
        view.on(registered("wrong-label", 1, 0, List.of("noop"), Map.of("zone", "b"), T0));
        view.on(registered("draining", 1, 0, List.of("noop"), Map.of("zone", "a"), T0));
        view.on(stateChanged("draining", WorkerState.AVAILABLE, WorkerState.DRAINING, T0));
        view.on(registered("full", 1, 0, List.of("noop"), Map.of("zone", "a"), T0));
        view.on(created("t1", "noop", 0, Map.of(), T0));
        view.on(assigned("t1", 1, "full", T0));
        view.on(created("t2", "noop", 0, Map.of("zone", "a"), T0));

        OpenWork work = view.openWork();
        OpenTaskView waiting = work.tasks().stream().filter(t -> t.taskId().equals("t2")).findFirst().orElseThrow();

        assertThat(new DispatchPolicy().eligibleWorkers(waiting.asWaiting(), work.workers()))
                .extracting(WorkerCandidate::workerId).containsExactly("fits");
    }
}
