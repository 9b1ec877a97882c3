package io.aviary.command.dispatch;

import io.aviary.command.task.TaskCommands.AssignTask;
import org.junit.jupiter.api.Test;

import static io.aviary.command.dispatch.FleetEvents.T0;
import static io.aviary.command.dispatch.FleetEvents.created;
import static io.aviary.command.dispatch.FleetEvents.registered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a pool of senders the round plans as before (same choices, capacity reserved before anything is sent) and the
 * commands go out from the pool: {@link Dispatcher#close()} waits for the pool, so no timing is involved.
 */
class DispatcherSendersTest {

    private final MutableClock clock = new MutableClock(T0.plusSeconds(1));
    private final RecordingCommandGateway gateway = new RecordingCommandGateway();
    private final FleetView view = new FleetView(new DispatchPolicy(), new AttemptSweep());
    private final DispatchEventHandler handler = new DispatchEventHandler(view, () -> { });

    @Test
    void a_round_sends_the_same_assignments_from_the_sender_pool_and_a_rejection_frees_the_task_again() {
        Dispatcher dispatcher = new Dispatcher(view, gateway, () -> true, clock, DispatchMeters.none(), 3);
        handler.on(registered("w1", 1, 1, T0));
        handler.on(registered("w2", 1, 0, T0));
        handler.on(created("t1", 0, T0));
        handler.on(created("t2", 0, T0));
        handler.on(created("t3", 0, T0));
        handler.on(created("t4", 0, T0));

        assertThat(dispatcher.dispatchOnce()).isEqualTo(3); // room for three: w1 (1 slot + 1 queued), w2 (1 slot)
        assertThat(dispatcher.dispatchOnce()).isZero(); // in flight: capacity reserved, tasks not offered again
        dispatcher.close();

        assertThat(gateway.commands()).containsExactlyInAnyOrder(
                new AssignTask("t1", "w1"), new AssignTask("t2", "w2"), new AssignTask("t3", "w1"));

        gateway.reject(new AssignTask("t2", "w2"));
        Dispatcher next = new Dispatcher(view, gateway, () -> true, clock);
        gateway.clear();
        next.dispatchOnce();
        assertThat(gateway.commands()).containsExactly(new AssignTask("t2", "w2"));
    }
}
