package io.aviary.command.liveness;

import io.aviary.command.dispatch.AttemptSweep;
import io.aviary.command.dispatch.DispatchPolicy;
import io.aviary.command.dispatch.FleetView;
import io.aviary.command.dispatch.MutableClock;
import io.aviary.command.dispatch.RecordingCommandGateway;
import io.aviary.command.worker.WorkerCommands.ChangeWorkerState;
import io.aviary.command.worker.WorkerCommands.MarkWorkerDown;
import io.aviary.events.liveness.Heartbeat;
import io.aviary.events.worker.WorkerRegistered;
import io.aviary.events.worker.WorkerState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.aviary.command.dispatch.FleetEvents.T0;
import static io.aviary.command.dispatch.FleetEvents.registered;
import static io.aviary.command.dispatch.FleetEvents.stateChanged;
import static org.assertj.core.api.Assertions.assertThat;

/** Liveness rules with a clock that only moves when the test moves it (1 s heartbeats, DOWN after 5 missed). */
class LivenessMonitorTest {

    private static final Instant MONITOR_START = T0.plusSeconds(10);

    private final MutableClock clock = new MutableClock(MONITOR_START);
    private final RecordingCommandGateway gateway = new RecordingCommandGateway();
    private final AtomicBoolean caughtUp = new AtomicBoolean(true);
    private final FleetView fleet = new FleetView(new DispatchPolicy(), new AttemptSweep());
    private final HeartbeatBook beats = new HeartbeatBook();
    private final LivenessMonitor monitor = new LivenessMonitor(fleet, caughtUp::get, beats, gateway, clock,
            new LivenessProperties(true, Duration.ofSeconds(1), 5));

    private List<Object> check() {
        gateway.clear();
        monitor.check();
        return gateway.commands();
    }

    private void beat(String workerId, int slots, int busySlots) {
        beats.record(workerId, new Heartbeat(workerId, "name-" + workerId, slots, busySlots, clock.instant()),
                clock.instant());
    }

    private void goesDown(String workerId) {
        fleet.on(stateChanged(workerId, WorkerState.AVAILABLE, WorkerState.DOWN, clock.instant()));
    }

    @Test
    void a_worker_that_keeps_beating_stays_up() {
        fleet.on(registered("w1", 2, 0, T0));

        for (int second = 0; second < 20; second++) {
            beat("w1", 2, 0);
            clock.advance(Duration.ofSeconds(1));
            assertThat(check()).isEmpty();
        }
    }

    @Test
    void a_person_worker_is_never_marked_down_although_it_never_beats() {
        // given a person-worker (hardware id person:<userId>) that has never sent a heartbeat
        fleet.on(new WorkerRegistered("p1", "alice", "person:user-1", 1, 10, List.of("manual"), Map.of(), T0));

        // when far more than five intervals pass
        clock.advance(Duration.ofMinutes(10));

        // then the monitor leaves it alone
        assertThat(check()).isEmpty();
    }

    @Test
    void a_worker_silent_for_more_than_five_intervals_is_marked_down_once() {
        // given w1 beat once, then fell silent
        fleet.on(registered("w1", 2, 0, T0));
        beat("w1", 2, 0);

        // when exactly five intervals have passed, it is still up
        clock.advance(Duration.ofSeconds(5));
        assertThat(check()).isEmpty();

        // then a moment later it is marked down
        clock.advance(Duration.ofMillis(1));
        assertThat(check()).containsExactly(new MarkWorkerDown("w1", "missed 5 heartbeats"));

        // and not again while the command is in flight, nor once the view shows it DOWN
        clock.advance(Duration.ofSeconds(1));
        assertThat(check()).isEmpty();
        gateway.accept(new MarkWorkerDown("w1", "missed 5 heartbeats"));
        goesDown("w1");
        clock.advance(Duration.ofSeconds(10));
        assertThat(check()).isEmpty();
    }

    @Test
    void a_worker_that_never_beat_counts_from_the_monitor_start_when_it_registered_before() {
        fleet.on(registered("w1", 1, 0, T0)); // 10 s before the monitor started

        clock.advance(Duration.ofSeconds(5));
        assertThat(check()).as("the monitor just started: the worker gets the full limit").isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(check()).containsExactly(new MarkWorkerDown("w1", "missed 5 heartbeats"));
    }

    @Test
    void a_worker_that_never_beat_counts_from_its_registration_when_that_is_later() {
        clock.advance(Duration.ofSeconds(30));
        fleet.on(registered("w1", 1, 0, clock.instant()));

        clock.advance(Duration.ofSeconds(5));
        assertThat(check()).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(check()).containsExactly(new MarkWorkerDown("w1", "missed 7 heartbeats"));
    }

    @Test
    void draining_and_updating_workers_must_beat_too_but_deregistered_ones_need_not() {
        fleet.on(registered("draining", 1, 0, T0));
        fleet.on(registered("updating", 1, 0, T0));
        fleet.on(registered("gone", 1, 0, T0));
        fleet.on(stateChanged("draining", WorkerState.AVAILABLE, WorkerState.DRAINING, T0));
        fleet.on(stateChanged("updating", WorkerState.AVAILABLE, WorkerState.UPDATING, T0));
        fleet.on(stateChanged("gone", WorkerState.AVAILABLE, WorkerState.DEREGISTERED, T0));

        clock.advance(Duration.ofSeconds(6));

        assertThat(check()).containsExactlyInAnyOrder(new MarkWorkerDown("draining", "missed 6 heartbeats"),
                new MarkWorkerDown("updating", "missed 6 heartbeats"));
    }

    @Test
    void a_rejected_mark_down_is_sent_again_at_the_next_check() {
        fleet.on(registered("w1", 1, 0, T0));
        clock.advance(Duration.ofSeconds(6));
        assertThat(check()).containsExactly(new MarkWorkerDown("w1", "missed 6 heartbeats"));

        gateway.reject(new MarkWorkerDown("w1", "missed 6 heartbeats"));
        clock.advance(Duration.ofSeconds(1));

        assertThat(check()).containsExactly(new MarkWorkerDown("w1", "missed 7 heartbeats"));
    }

    @Test
    void a_down_worker_whose_beats_resume_is_available_again() {
        // given w1 beat, fell silent and went down
        fleet.on(registered("w1", 2, 0, T0));
        beat("w1", 2, 0);
        clock.advance(Duration.ofSeconds(6));
        goesDown("w1");

        // then its old beat does not bring it back
        clock.advance(Duration.ofSeconds(1));
        assertThat(check()).isEmpty();

        // when it beats again
        beat("w1", 2, 0);
        ChangeWorkerState backUp = new ChangeWorkerState("w1", WorkerState.AVAILABLE, "heartbeats resumed");

        // then it is made available, once
        assertThat(check()).containsExactly(backUp);
        assertThat(check()).isEmpty();
        gateway.accept(backUp);
        fleet.on(stateChanged("w1", WorkerState.DOWN, WorkerState.AVAILABLE, clock.instant()));
        clock.advance(Duration.ofSeconds(1));
        beat("w1", 2, 0);
        assertThat(check()).isEmpty();
    }

    @Test
    void a_restarted_monitor_does_not_revive_a_worker_from_a_beat_read_again_from_the_topic() {
        // given w1 went down after its last beat, long ago
        fleet.on(registered("w1", 1, 0, T0));
        fleet.on(stateChanged("w1", WorkerState.AVAILABLE, WorkerState.DOWN, T0.plusSeconds(7)));

        // when the compacted topic hands the monitor w1's last beat again, received now
        beats.record("w1", new Heartbeat("w1", "name-w1", 1, 0, T0.plusSeconds(1)), clock.instant());

        // then w1 stays down
        assertThat(check()).isEmpty();
    }

    @Test
    void all_slots_busy_makes_a_worker_working_and_a_free_slot_makes_it_available_again() {
        fleet.on(registered("w1", 2, 0, T0));
        ChangeWorkerState toWorking = new ChangeWorkerState("w1", WorkerState.WORKING, "all 2 slots busy");
        ChangeWorkerState toAvailable = new ChangeWorkerState("w1", WorkerState.AVAILABLE, "a slot is free");

        beat("w1", 2, 1);
        assertThat(check()).as("a slot is still free").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        beat("w1", 2, 2);
        assertThat(check()).containsExactly(toWorking);
        gateway.accept(toWorking);
        fleet.on(stateChanged("w1", WorkerState.AVAILABLE, WorkerState.WORKING, clock.instant()));

        clock.advance(Duration.ofSeconds(1));
        beat("w1", 2, 2);
        assertThat(check()).as("still all busy").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        beat("w1", 2, 1);
        assertThat(check()).containsExactly(toAvailable);
    }

    @Test
    void at_most_one_change_per_worker_per_heartbeat() {
        fleet.on(registered("w1", 1, 0, T0));
        ChangeWorkerState toWorking = new ChangeWorkerState("w1", WorkerState.WORKING, "all 1 slots busy");

        // given a change derived from a beat was rejected
        beat("w1", 1, 1);
        assertThat(check()).containsExactly(toWorking);
        gateway.reject(toWorking);

        // then the same beat yields nothing more
        assertThat(check()).isEmpty();

        // but the next beat may
        clock.advance(Duration.ofSeconds(1));
        beat("w1", 1, 1);
        assertThat(check()).containsExactly(toWorking);
    }

    @Test
    void nothing_is_sent_before_the_fleet_view_has_caught_up() {
        caughtUp.set(false);
        fleet.on(registered("w1", 1, 0, T0));
        clock.advance(Duration.ofSeconds(60));

        assertThat(check()).isEmpty();
    }
}
