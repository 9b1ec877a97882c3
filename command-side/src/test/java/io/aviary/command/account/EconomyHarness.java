package io.aviary.command.account;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.axon.EventJson;
import io.aviary.command.task.RetryBackoff;
import io.aviary.command.task.RetryProperties;
import io.aviary.command.task.TaskAggregate;
import io.aviary.command.worker.WorkerAggregate;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Axon wiring of the task economy, in memory: Worker, Task and Account aggregates, the
 * {@link AccountingProcess} in a subscribing processor (so its commands run inside the unit of work of the event
 * that caused them, as they do in the tracking processor), snapshots through Jackson (as in PostgreSQL), and a
 * recorder of every event.
 */
final class EconomyHarness implements AutoCloseable {

    /** Zero jitter; the backoff is irrelevant to money. */
    private static final RetryBackoff BACKOFF = new RetryBackoff(
            new RetryProperties(Duration.ofMillis(500), 2, Duration.ofSeconds(60), 0.2), () -> 0.5);

    private final InMemoryTaskPrices prices = new InMemoryTaskPrices();
    private final List<EventMessage<?>> recorded = new ArrayList<>();
    private final SerializingSnapshots snapshots;
    private final Configuration config;
    private final AnnotationEventHandlerAdapter process;

    EconomyHarness(int accountSnapshotThreshold) {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(EventJson.newObjectMapper()).build();
        snapshots = new SerializingSnapshots(new InMemoryEventStorageEngine(), serializer);
        DefaultConfigurer configurer = (DefaultConfigurer) DefaultConfigurer.defaultConfiguration();
        configurer.configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> snapshots)
                .registerComponent(RetryBackoff.class, c -> BACKOFF)
                .configureAggregate(WorkerAggregate.class)
                .configureAggregate(TaskAggregate.class)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(AccountAggregate.class)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                                accountSnapshotThreshold)));
        configurer.eventProcessing()
                .usingSubscribingEventProcessors()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerEventHandler(c -> new AccountingProcess(prices, c.commandGateway()))
                .registerEventHandler(c -> new Recorder());
        config = configurer.buildConfiguration();
        config.start();
        process = new AnnotationEventHandlerAdapter(new AccountingProcess(prices, config.commandGateway()));
    }

    /** Sends a command and waits; {@code null} when an aggregate refused it (nothing changed). */
    <R> R trySend(Object command) {
        try {
            return config.commandGateway().sendAndWait(command);
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof CommandRejectedException) {
                return null;
            }
            throw e;
        } catch (CommandRejectedException e) {
            return null;
        }
    }

    <R> R send(Object command) {
        return config.commandGateway().sendAndWait(command);
    }

    /** Every event published since the last {@link #clearRecorded()}, in order. */
    List<EventMessage<?>> recorded() {
        return List.copyOf(recorded);
    }

    void clearRecorded() {
        recorded.clear();
    }

    /** Hands an event once more to an {@link AccountingProcess} (same prices): a redelivery, or a replay. */
    void redeliver(EventMessage<?> event) {
        ResultMessage<?> result = DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> process.handle(event));
        if (result.isExceptional()) {
            throw new AssertionError("redelivering " + event.getPayload() + " failed", result.exceptionResult());
        }
    }

    /** How many snapshots were taken (each stored as Jackson JSON, read back into a fresh aggregate). */
    int snapshotsTaken() {
        return snapshots.stored();
    }

    InMemoryTaskPrices prices() {
        return prices;
    }

    Configuration config() {
        return config;
    }

    @Override
    public void close() {
        config.shutdown();
    }

    /** Records every event, in publication order. */
    private final class Recorder {
        @EventHandler
        public void on(Object event, EventMessage<?> message) {
            recorded.add(message);
        }
    }
}
