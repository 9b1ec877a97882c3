package io.aviary.command.area.execution;

import io.aviary.command.area.AreaAggregate;
import io.aviary.command.area.condition.ConditionEvaluator;
import io.aviary.command.axon.EventJson;
import io.aviary.command.task.PricingProperties;
import io.aviary.command.task.RetryBackoff;
import io.aviary.command.task.RetryProperties;
import io.aviary.command.task.TaskAggregate;
import io.aviary.command.task.TaskPricing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Axon wiring of AREA executions, in memory: the AREA and Task aggregates, the
 * {@link AreaExecutionProcess} in a subscribing processor (its commands run inside the unit of work of the event
 * that caused them, as in the tracking processor's batch), and a recorder of every event. The test plays the agents
 * by sending the task commands they would cause.
 */
final class ExecutionHarness implements AutoCloseable {

    /** Zero jitter: delays are exactly the policy's. */
    static final RetryBackoff BACKOFF = new RetryBackoff(
            new RetryProperties(Duration.ofMillis(500), 2, Duration.ofSeconds(60), 0.2), () -> 0.5);

    private final InMemoryExecutionStore store = new InMemoryExecutionStore();
    /** The process's meters ({@code aviary.area.executions}). */
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<EventMessage<?>> recorded = new ArrayList<>();
    private final Configuration config;

    ExecutionHarness() {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(EventJson.newObjectMapper()).build();
        DefaultConfigurer configurer = (DefaultConfigurer) DefaultConfigurer.defaultConfiguration();
        configurer.configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerComponent(RetryBackoff.class, c -> BACKOFF)
                .configureAggregate(AreaAggregate.class)
                .configureAggregate(TaskAggregate.class);
        configurer.eventProcessing()
                .usingSubscribingEventProcessors()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerEventHandler(c -> process(c))
                .registerEventHandler(c -> new Recorder());
        config = configurer.buildConfiguration();
        config.start();
    }

    private AreaExecutionProcess process(Configuration c) {
        return new AreaExecutionProcess(store, new ExecutionTasks(new TaskPricing(
                new PricingProperties(10, 20, 20, 40), (min, max) -> min), Duration.ofSeconds(60)),
                new ConditionEvaluator(), c.commandGateway(), meters);
    }

    <R> R send(Object command) {
        return config.commandGateway().sendAndWait(command);
    }

    /** Every event published since the last {@link #clearRecorded()}, in order. */
    List<EventMessage<?>> recorded() {
        return List.copyOf(recorded);
    }

    /** The payloads of one type published since the last {@link #clearRecorded()}. */
    <T> List<T> recorded(Class<T> type) {
        return recorded.stream().map(EventMessage::getPayload).filter(type::isInstance).map(type::cast).toList();
    }

    void clearRecorded() {
        recorded.clear();
    }

    /** Hands events again to a new process over the same store: a restart that replays from an older token. */
    void replay(List<EventMessage<?>> events) {
        AnnotationEventHandlerAdapter restarted = new AnnotationEventHandlerAdapter(process(config));
        for (EventMessage<?> event : events) {
            ResultMessage<?> result = DefaultUnitOfWork.startAndGet(event)
                    .executeWithResult(() -> restarted.handle(event));
            if (result.isExceptional()) {
                throw new AssertionError("replaying " + event.getPayload() + " failed", result.exceptionResult());
            }
        }
    }

    InMemoryExecutionStore store() {
        return store;
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
