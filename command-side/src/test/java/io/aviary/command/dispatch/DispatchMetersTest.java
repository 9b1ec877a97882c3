package io.aviary.command.dispatch;

import io.aviary.command.task.TaskCommands.AssignTask;
import io.aviary.events.task.Outcome;
import io.aviary.events.worker.WorkerState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.aviary.command.dispatch.FleetEvents.T0;
import static io.aviary.command.dispatch.FleetEvents.assigned;
import static io.aviary.command.dispatch.FleetEvents.completed;
import static io.aviary.command.dispatch.FleetEvents.created;
import static io.aviary.command.dispatch.FleetEvents.registered;
import static io.aviary.command.dispatch.FleetEvents.requeued;
import static io.aviary.command.dispatch.FleetEvents.retryScheduled;
import static io.aviary.command.dispatch.FleetEvents.stateChanged;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher's meters move when an assignment is accepted, with the wait measured from the event that made the
 * task assignable; the fleet gauges follow the view.
 */
class DispatchMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(T0);
    private final RecordingCommandGateway gateway = new RecordingCommandGateway();
    private final FleetView view = new FleetView(new DispatchPolicy(), new AttemptSweep());
    private final DispatchEventHandler handler = new DispatchEventHandler(view, () -> { });
    private final Dispatcher dispatcher = new Dispatcher(view, gateway, () -> true, clock,
            new DispatchMeters(registry));

    @Test
    void an_accepted_assignment_counts_once_and_records_the_wait_since_the_task_was_created() {
        // given a task created at T0 and a worker that registers 2.5 s later
        handler.on(created("t1", 0, T0));
        clock.advance(Duration.ofMillis(2_500));
        handler.on(registered("w1", 1, 0, clock.instant()));

        // when the dispatcher assigns it and the aggregate accepts
        dispatcher.dispatchOnce();
        gateway.accept(new AssignTask("t1", "w1"));

        // then one dispatch, waited 2.5 s (in the 5 s bucket, not in the 1 s one)
        assertThat(dispatched().count()).isEqualTo(1.0);
        assertThat(latency().count()).isEqualTo(1);
        assertThat(latency().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2_500.0);
        assertThat(bucket(Duration.ofSeconds(1))).isZero();
        assertThat(bucket(Duration.ofMillis(2_500))).isEqualTo(1.0);
    }

    @Test
    void a_rejected_assignment_counts_nothing() {
        handler.on(registered("w1", 1, 0, T0));
        handler.on(created("t1", 0, T0));

        dispatcher.dispatchOnce();
        gateway.reject(new AssignTask("t1", "w1"));

        assertThat(dispatched().count()).isZero();
        assertThat(latency().count()).isZero();
    }

    @Test
    void a_requeued_task_waits_from_its_requeue_and_a_retry_from_its_not_before() {
        // given t1 was assigned to w1 long ago, and w1 went down: t1 is requeued at T0 + 60 s
        handler.on(registered("w1", 1, 0, T0));
        handler.on(registered("w2", 1, 0, T0));
        handler.on(created("t1", 0, T0));
        handler.on(assigned("t1", 1, "w1", T0));
        handler.on(stateChanged("w1", WorkerState.AVAILABLE, WorkerState.DOWN, T0.plusSeconds(60)));
        handler.on(requeued("t1", 1, "w1", T0.plusSeconds(60)));

        // when it is assigned again 200 ms after the requeue
        clock.advance(Duration.ofMillis(60_200));
        dispatcher.dispatchOnce();
        gateway.accept(new AssignTask("t1", "w2"));

        // then the wait is the 200 ms since the requeue, not the minute since its creation
        assertThat(latency().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(200.0);

        // and given attempt 2 failed and its retry is due 1 s later
        handler.on(assigned("t1", 2, "w2", clock.instant()));
        handler.on(completed("t1", 2, "w2", Outcome.FAILURE, clock.instant()));
        handler.on(retryScheduled("t1", 2, clock.instant().plusSeconds(1), clock.instant()));

        // when it is assigned 50 ms after that
        clock.advance(Duration.ofMillis(1_050));
        dispatcher.dispatchOnce();
        gateway.accept(new AssignTask("t1", "w2"));

        // then that wait is 50 ms
        assertThat(dispatched().count()).isEqualTo(2.0);
        assertThat(latency().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250.0);
    }

    @Test
    void the_fleet_gauges_show_the_waiting_tasks_and_every_worker_state() {
        new FleetMeters(view).bindTo(registry);
        handler.on(registered("w1", 1, 0, T0));
        handler.on(registered("w2", 1, 0, T0));
        handler.on(stateChanged("w2", WorkerState.AVAILABLE, WorkerState.DRAINING, T0));
        handler.on(created("t1", 0, T0));
        handler.on(created("t2", 0, T0));
        handler.on(created("t3", 0, T0));
        handler.on(assigned("t1", 1, "w1", T0));

        assertThat(registry.get("aviary.queue.depth").gauge().value()).isEqualTo(2.0);
        assertThat(workers(WorkerState.AVAILABLE)).isEqualTo(1.0);
        assertThat(workers(WorkerState.DRAINING)).isEqualTo(1.0);
        assertThat(workers(WorkerState.DOWN)).as("an empty state is a 0, not a missing series").isZero();
        assertThat(registry.get("aviary.workers").gauges()).hasSize(WorkerState.values().length);
    }

    private Counter dispatched() {
        return registry.get("aviary.tasks.dispatched").counter();
    }

    private Timer latency() {
        return registry.get("aviary.dispatch.latency").timer();
    }

    private double bucket(Duration upperBound) {
        double bound = upperBound.toNanos();
        for (var bucket : latency().takeSnapshot().histogramCounts()) {
            if (bucket.bucket() == bound) {
                return bucket.count();
            }
        }
        throw new AssertionError("no bucket " + upperBound);
    }

    private double workers(WorkerState state) {
        return registry.get("aviary.workers").tag("state", state.name()).gauge().value();
    }
}
