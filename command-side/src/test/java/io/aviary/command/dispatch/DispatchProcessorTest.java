package io.aviary.command.dispatch;

import io.aviary.command.task.TaskCommands.AssignTask;
import io.aviary.events.worker.WorkerState;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.aviary.command.dispatch.FleetEvents.T0;
import static io.aviary.command.dispatch.FleetEvents.assigned;
import static io.aviary.command.dispatch.FleetEvents.created;
import static io.aviary.command.dispatch.FleetEvents.registered;
import static io.aviary.command.dispatch.FleetEvents.started;
import static io.aviary.command.dispatch.FleetEvents.stateChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dispatcher's processor as {@link DispatchConfiguration} registers it, in a real Axon configuration over an
 * in-memory event store: the view is rebuilt from the first event on every start, and nothing is sent while the
 * processor is still replaying.
 */
class DispatchProcessorTest {

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final List<Configuration> started = new ArrayList<>();

    /** A marker in the stream at which the replay can be held, to look at a half-replayed view. */
    record ReplayGate(String name) {
    }

    @ProcessingGroup(DispatchEventHandler.PROCESSING_GROUP)
    static class GateHandler {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);

        @EventHandler
        void on(ReplayGate gate) throws InterruptedException {
            reached.countDown();
            if (!open.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        }
    }

    private record Replica(FleetView view, CatchUpSignal catchUp, Dispatcher dispatcher,
                           RecordingCommandGateway gateway) {
    }

    @AfterEach
    void shutDown() {
        started.forEach(Configuration::shutdown);
    }

    private Replica start(Object... extraHandlers) {
        FleetView view = new FleetView(new DispatchPolicy(), new AttemptSweep());
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> storage);
        DispatchConfiguration.registerProcessor(configurer.eventProcessing());
        configurer.eventProcessing().registerEventHandler(c -> new DispatchEventHandler(view, () -> { }));
        Arrays.stream(extraHandlers).forEach(h -> configurer.eventProcessing().registerEventHandler(c -> h));
        Configuration config = configurer.start();
        started.add(config);
        CatchUpSignal catchUp = new TrackingProcessorCatchUp(config.eventProcessingConfiguration(),
                DispatchEventHandler.PROCESSING_GROUP);
        RecordingCommandGateway gateway = new RecordingCommandGateway();
        Dispatcher dispatcher = new Dispatcher(view, gateway, catchUp, new MutableClock(T0.plusSeconds(1)));
        return new Replica(view, catchUp, dispatcher, gateway);
    }

    private void store(Object... events) {
        storage.appendEvents(Arrays.stream(events).<EventMessage<?>>map(GenericEventMessage::asEventMessage).toList());
    }

    @Test
    void every_start_rebuilds_the_view_from_the_first_event() {
        // given a history: w1 holds t1, t2 waits
        store(registered("w1", 1, 0, T0), created("t1", 0, T0), created("t2", 0, T0),
                assigned("t1", 1, "w1", T0), started("t1", 1, "w1", T0));

        // when a replica starts
        Replica first = start();
        await().atMost(Duration.ofSeconds(20)).until(first.catchUp()::isCaughtUp);

        // then its view holds the history
        assertThat(first.view().worker("w1")).get().extracting(WorkerSnapshot::active).isEqualTo(1);
        assertThat(first.view().waitingCount()).isEqualTo(1);

        // and when it stops and another starts over the same store (plus what happened meanwhile)
        started.remove(0).shutdown();
        store(stateChanged("w1", WorkerState.AVAILABLE, WorkerState.DOWN, T0));
        Replica second = start();
        await().atMost(Duration.ofSeconds(20)).until(second.catchUp()::isCaughtUp);

        // then the new view is built from the first event again
        assertThat(second.view().worker("w1")).get()
                .satisfies(w -> assertThat(w.state()).isEqualTo(WorkerState.DOWN))
                .satisfies(w -> assertThat(w.active()).isEqualTo(1));
        assertThat(second.view().waitingCount()).isEqualTo(1);
    }

    @Test
    void nothing_is_sent_from_a_half_replayed_view() {
        // given a history in which t1 looks waiting until its assignment further down the stream
        store(registered("w1", 1, 0, T0), created("t1", 0, T0), new ReplayGate("held here"),
                assigned("t1", 1, "w1", T0));
        GateHandler gate = new GateHandler();

        // when the replay is held between the creation and the assignment
        Replica replica = start(gate);
        await().atMost(Duration.ofSeconds(20)).until(() -> gate.reached.getCount() == 0);

        // then the view is half-built, not caught up, and a round sends nothing
        assertThat(replica.view().waitingCount()).isEqualTo(1);
        assertThat(replica.catchUp().isCaughtUp()).isFalse();
        assertThat(replica.dispatcher().dispatchOnce()).isZero();

        // and once the replay went through, the task is known to be assigned: still nothing to send
        gate.open.countDown();
        await().atMost(Duration.ofSeconds(20)).until(replica.catchUp()::isCaughtUp);
        assertThat(replica.dispatcher().dispatchOnce()).isZero();
        assertThat(replica.gateway().commands()).isEmpty();
    }

    @Test
    void after_catching_up_new_events_are_acted_on() {
        Replica replica = start();
        await().atMost(Duration.ofSeconds(20)).until(replica.catchUp()::isCaughtUp);

        store(registered("w1", 1, 0, T0), created("t1", 0, T0));
        await().atMost(Duration.ofSeconds(20)).until(() -> replica.view().waitingCount() == 1);

        assertThat(replica.dispatcher().dispatchOnce()).isEqualTo(1);
        assertThat(replica.gateway().commands()).containsExactly(new AssignTask("t1", "w1"));
    }
}
