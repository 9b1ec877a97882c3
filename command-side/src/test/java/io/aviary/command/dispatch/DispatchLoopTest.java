package io.aviary.command.dispatch;

import io.aviary.command.task.TaskCommands.AssignTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.aviary.command.dispatch.FleetEvents.T0;
import static io.aviary.command.dispatch.FleetEvents.created;
import static io.aviary.command.dispatch.FleetEvents.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The loop runs rounds on its own thread: when woken by an event, and on its tick. */
class DispatchLoopTest {

    private final RecordingCommandGateway gateway = new RecordingCommandGateway();
    private final FleetView view = new FleetView(new DispatchPolicy(), new AttemptSweep());
    private final Dispatcher dispatcher = new Dispatcher(view, gateway, () -> true, new MutableClock(T0));
    private DispatchLoop loop;

    @AfterEach
    void stop() {
        loop.stop();
    }

    private DispatchLoop start(boolean enabled, Duration tick) {
        loop = new DispatchLoop(dispatcher, new DispatchProperties(enabled, tick));
        loop.start();
        return loop;
    }

    @Test
    void an_event_wakes_a_round_without_waiting_for_the_tick() {
        DispatchEventHandler handler = new DispatchEventHandler(view, start(true, Duration.ofHours(1))::wake);

        handler.on(registered("w1", 1, 0, T0));
        handler.on(created("t1", 0, T0));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.commands().contains(new AssignTask("t1", "w1")));
    }

    @Test
    void the_tick_runs_rounds_without_any_event() {
        view.on(registered("w1", 1, 0, T0));
        view.on(created("t1", 0, T0));

        start(true, Duration.ofMillis(20));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.commands().contains(new AssignTask("t1", "w1")));
    }

    @Test
    void a_disabled_dispatcher_starts_no_thread_and_sends_nothing() {
        view.on(registered("w1", 1, 0, T0));
        view.on(created("t1", 0, T0));

        DispatchLoop disabled = start(false, Duration.ofMillis(20));
        disabled.wake();

        assertThat(disabled.isRunning()).isFalse();
        assertThat(gateway.commands()).isEmpty();
        assertThat(dispatcher.dispatchOnce()).as("the task was never reserved by a round").isEqualTo(1);
    }
}
