package io.aviary.command.dispatch;

import io.aviary.command.task.TaskCommands.AssignTask;
import io.aviary.command.task.TaskCommands.RequeueTask;
import io.aviary.command.task.TaskCommands.TimeOutTask;
import io.aviary.events.task.Outcome;
import io.aviary.events.worker.WorkerState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.aviary.command.dispatch.FleetEvents.T0;
import static io.aviary.command.dispatch.FleetEvents.TIMEOUT_MS;
import static io.aviary.command.dispatch.FleetEvents.assigned;
import static io.aviary.command.dispatch.FleetEvents.cancelled;
import static io.aviary.command.dispatch.FleetEvents.completed;
import static io.aviary.command.dispatch.FleetEvents.created;
import static io.aviary.command.dispatch.FleetEvents.deadLettered;
import static io.aviary.command.dispatch.FleetEvents.registered;
import static io.aviary.command.dispatch.FleetEvents.requeued;
import static io.aviary.command.dispatch.FleetEvents.retryScheduled;
import static io.aviary.command.dispatch.FleetEvents.started;
import static io.aviary.command.dispatch.FleetEvents.stateChanged;
import static io.aviary.command.dispatch.FleetEvents.timedOut;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-handling side of the dispatcher: events go into {@link DispatchEventHandler}, a round runs, and the
 * commands that come out are recorded. Rounds are run by hand here; {@link DispatchLoop} only schedules them.
 */
class DispatcherTest {

    private final MutableClock clock = new MutableClock(T0.plusSeconds(1));
    private final RecordingCommandGateway gateway = new RecordingCommandGateway();
    private final AtomicBoolean caughtUp = new AtomicBoolean(true);
    private final AtomicInteger wakes = new AtomicInteger();
    private final FleetView view = new FleetView(new DispatchPolicy(), new AttemptSweep());
    private final DispatchEventHandler handler = new DispatchEventHandler(view, wakes::incrementAndGet);
    private final Dispatcher dispatcher = new Dispatcher(view, gateway, caughtUp::get, clock);

    private List<Object> round() {
        gateway.clear();
        dispatcher.dispatchOnce();
        return gateway.commands();
    }

    @Test
    void a_created_task_goes_to_a_registered_worker_and_every_event_wakes_the_loop() {
        handler.on(registered("w1", 1, 0, T0));
        handler.on(created("t1", 0, T0));

        assertThat(round()).containsExactly(new AssignTask("t1", "w1"));
        assertThat(wakes).hasValue(2);
    }

    @Test
    void nothing_is_sent_before_the_view_has_caught_up() {
        // given a view that is still replaying
        caughtUp.set(false);
        handler.on(registered("w1", 1, 0, T0));
        handler.on(created("t1", 0, T0));
        handler.on(stateChanged("w1", WorkerState.AVAILABLE, WorkerState.DOWN, T0));

        // then no round sends anything
        assertThat(round()).isEmpty();

        // when the rest of the stream has been read (the task was assigned, the worker came back)
        handler.on(assigned("t1", 1, "w1", T0));
        handler.on(stateChanged("w1", WorkerState.DOWN, WorkerState.AVAILABLE, T0));
        caughtUp.set(true);

        // then the dispatcher acts on the complete view only: nothing left to do
        assertThat(round()).isEmpty();
    }

    @Test
    void a_waiting_task_is_assigned_when_a_worker_registers() {
        handler.on(created("t1", 0, T0));
        assertThat(round()).isEmpty();

        handler.on(registered("w1", 1, 0, T0));

        assertThat(round()).containsExactly(new AssignTask("t1", "w1"));
    }

    @Test
    void a_waiting_task_is_assigned_when_a_worker_frees_up() {
        // given a worker with one slot and no queue, busy with t1
        handler.on(registered("w1", 1, 0, T0));
        handler.on(created("t1", 0, T0));
        handler.on(created("t2", 0, T0));
        assertThat(round()).containsExactly(new AssignTask("t1", "w1"));
        gateway.accept(new AssignTask("t1", "w1"));
        handler.on(assigned("t1", 1, "w1", T0));
        assertThat(round()).as("t2 waits: w1 is full").isEmpty();

        // when t1 completes
        handler.on(completed("t1", 1, "w1", Outcome.SUCCESS, T0));

        // then t2 gets the slot
        assertThat(round()).containsExactly(new AssignTask("t2", "w1"));
    }

    @Test
    void an_assignment_in_flight_is_not_offered_twice_and_counts_against_the_worker() {
        handler.on(registered("w1", 1, 0, T0));
        handler.on(created("t1", 0, T0));
        handler.on(created("t2", 0, T0));

        assertThat(round()).containsExactly(new AssignTask("t1", "w1"));
        // the answer has not come back, nor the event: t1 is reserved, and w1's only slot with it
        assertThat(round()).isEmpty();
    }

    @Test
    void a_failed_assignment_releases_the_reservation_and_the_task_is_offered_again() {
        handler.on(registered("w1", 1, 0, T0));
        handler.on(created("t1", 0, T0));
        assertThat(round()).containsExactly(new AssignTask("t1", "w1"));

        gateway.reject(new AssignTask("t1", "w1"));

        assertThat(round()).containsExactly(new AssignTask("t1", "w1"));
    }

    @Test
    void an_accepted_assignment_stays_reserved_until_its_event_arrives() {
        handler.on(registered("w1", 2, 0, T0));
        handler.on(created("t1", 0, T0));
        assertThat(round()).containsExactly(new AssignTask("t1", "w1"));

        gateway.accept(new AssignTask("t1", "w1"));
        assertThat(round()).isEmpty();

        handler.on(assigned("t1", 1, "w1", T0));
        assertThat(round()).isEmpty();
    }

    @Test
    void a_cancelled_task_is_not_assigned() {
        handler.on(created("t1", 0, T0));
        handler.on(cancelled("t1", 0, null, T0));
        handler.on(registered("w1", 1, 0, T0));

        assertThat(round()).isEmpty();
    }

    @Test
    void higher_priority_tasks_are_assigned_first() {
        handler.on(created("low", 0, T0));
        handler.on(created("high", 7, T0));
        handler.on(created("mid", 3, T0));
        handler.on(registered("w1", 2, 0, T0));

        assertThat(round()).containsExactly(new AssignTask("high", "w1"), new AssignTask("mid", "w1"));
    }

    @Test
    void a_scheduled_retry_is_assigned_once_its_not_before_has_passed() {
        // given t1 failed and is to be retried 2 s from now
        handler.on(registered("w1", 1, 0, T0));
        handler.on(created("t1", 0, T0));
        handler.on(assigned("t1", 1, "w1", T0));
        handler.on(completed("t1", 1, "w1", Outcome.FAILURE, T0));
        assertThat(round()).as("failed, retry not scheduled yet").isEmpty();
        handler.on(retryScheduled("t1", 1, clock.instant().plusSeconds(2), T0));

        assertThat(round()).isEmpty();
        clock.advance(Duration.ofSeconds(2));

        assertThat(round()).containsExactly(new AssignTask("t1", "w1"));
    }

    @Test
    void a_requeued_task_is_assigned_again() {
        handler.on(registered("w1", 1, 0, T0));
        handler.on(registered("w2", 1, 0, T0));
        handler.on(created("t1", 0, T0));
        handler.on(assigned("t1", 1, "w1", T0));
        handler.on(stateChanged("w1", WorkerState.AVAILABLE, WorkerState.DOWN, T0));
        handler.on(requeued("t1", 1, "w1", T0));

        assertThat(round()).containsExactly(new AssignTask("t1", "w2"));
    }

    @Test
    void a_dead_lettered_task_is_forgotten() {
        handler.on(registered("w1", 1, 0, T0));
        handler.on(created("t1", 0, T0));
        handler.on(assigned("t1", 1, "w1", T0));
        handler.on(timedOut("t1", 1, "w1", T0));
        handler.on(deadLettered("t1", 1, T0));

        assertThat(round()).isEmpty();
        assertThat(view.waitingCount()).isZero();
        assertThat(view.worker("w1")).get().extracting(WorkerSnapshot::active).isEqualTo(0);
    }

    @Test
    void a_worker_going_down_has_each_unfinished_attempt_requeued_once() {
        // given w1 holds an assigned and a running attempt, and t3 is already done
        handler.on(registered("w1", 3, 0, T0));
        handler.on(created("assigned", 0, T0));
        handler.on(created("running", 0, T0));
        handler.on(created("done", 0, T0));
        handler.on(assigned("assigned", 1, "w1", T0));
        handler.on(assigned("running", 2, "w1", T0));
        handler.on(assigned("done", 1, "w1", T0));
        handler.on(started("running", 2, "w1", T0));
        handler.on(completed("done", 1, "w1", Outcome.SUCCESS, T0));

        // when it goes down
        handler.on(stateChanged("w1", WorkerState.AVAILABLE, WorkerState.DOWN, T0));

        // then its unfinished attempts are requeued, once while the commands are in flight
        assertThat(round()).containsExactlyInAnyOrder(new RequeueTask("assigned", 1, "worker down"),
                new RequeueTask("running", 2, "worker down"));
        assertThat(round()).isEmpty();
    }

    @Test
    void a_deregistered_worker_has_its_attempts_requeued_and_a_rejected_requeue_is_tried_again() {
        handler.on(registered("w1", 1, 0, T0));
        handler.on(created("t1", 0, T0));
        handler.on(assigned("t1", 1, "w1", T0));
        handler.on(stateChanged("w1", WorkerState.AVAILABLE, WorkerState.DEREGISTERED, T0));
        assertThat(round()).containsExactly(new RequeueTask("t1", 1, "worker deregistered"));

        gateway.reject(new RequeueTask("t1", 1, "worker deregistered"));

        assertThat(round()).containsExactly(new RequeueTask("t1", 1, "worker deregistered"));
    }

    @Test
    void an_attempt_never_started_times_out_from_its_assignment() {
        handler.on(registered("w1", 1, 0, T0));
        handler.on(created("t1", 0, T0));
        handler.on(assigned("t1", 1, "w1", T0));

        clock.advance(Duration.ofMillis(TIMEOUT_MS - 1_001)); // T0 + timeout - 1 ms
        assertThat(round()).isEmpty();
        clock.advance(Duration.ofMillis(1));

        assertThat(round()).containsExactly(new TimeOutTask("t1", 1));
        assertThat(round()).as("in flight: not sent twice").isEmpty();
    }

    @Test
    void a_started_attempt_gets_its_timeout_from_its_start_and_only_overdue_ones_are_swept() {
        handler.on(registered("w1", 2, 0, T0));
        handler.on(created("early", 0, T0));
        handler.on(created("late", 0, T0));
        handler.on(assigned("early", 1, "w1", T0));
        handler.on(assigned("late", 1, "w1", T0));
        handler.on(started("early", 1, "w1", T0));
        handler.on(started("late", 1, "w1", T0.plusSeconds(30)));

        clock.advance(Duration.ofMillis(TIMEOUT_MS)); // T0 + 61 s

        assertThat(round()).containsExactly(new TimeOutTask("early", 1));
        handler.on(timedOut("early", 1, "w1", clock.instant()));
        clock.advance(Duration.ofSeconds(30)); // T0 + 91 s
        assertThat(round()).containsExactly(new TimeOutTask("late", 1));
    }

    @Test
    void a_worker_that_takes_no_new_work_keeps_its_tasks_but_gets_no_new_one() {
        handler.on(registered("w1", 2, 0, T0));
        handler.on(created("t1", 0, T0));
        handler.on(assigned("t1", 1, "w1", T0));
        handler.on(stateChanged("w1", WorkerState.AVAILABLE, WorkerState.DRAINING, T0));
        handler.on(created("t2", 0, T0));

        assertThat(round()).isEmpty();
        assertThat(view.worker("w1")).get().extracting(WorkerSnapshot::active).isEqualTo(1);
    }

    @Test
    void views_built_from_the_same_events_decide_the_same() {
        // given two replicas fed the same stream
        FleetView other = new FleetView(new DispatchPolicy(), new AttemptSweep());
        DispatchEventHandler otherHandler = new DispatchEventHandler(other, () -> { });
        for (DispatchEventHandler h : List.of(handler, otherHandler)) {
            h.on(registered("w1", 1, 0, T0));
            h.on(registered("w2", 1, 0, T0));
            h.on(created("t1", 1, T0));
            h.on(created("t2", 0, T0));
        }

        // then they pick the same assignments (so the slower one's duplicate is rejected by the aggregate)
        Instant now = clock.instant();
        assertThat(other.nextRound(now)).extracting(InFlight::command)
                .containsExactlyElementsOf(view.nextRound(now).stream().map(InFlight::command).toList());
    }
}
