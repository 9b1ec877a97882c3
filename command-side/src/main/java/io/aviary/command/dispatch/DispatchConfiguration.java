package io.aviary.command.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * Wires the dispatcher: its tracking processor, its view, the loop that runs it.
 * <p>
 * The processor of group {@value DispatchEventHandler#PROCESSING_GROUP} gets an {@link InMemoryTokenStore} of its
 * own (every other processor keeps the application's persistent token store): its token lives exactly as long as
 * the in-memory view it belongs to, so each start replays the event store from the first event and rebuilds the
 * view, and each replica owns all segments of its own copy (no claim is shared through the database). See
 * {@link DispatchEventHandler} for the cost of that choice. (Axon logs a warning when it creates an in-memory token
 * store: here it is intended.)
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DispatchProperties.class)
public class DispatchConfiguration {

    @Autowired
    public void configureDispatcherProcessor(EventProcessingConfigurer processing) {
        registerProcessor(processing);
    }

    /**
     * Events per batch of the dispatcher's processor. Its token is in memory, so a batch only saves the per-batch
     * overhead (unit of work, transaction); the view is updated, and the loop woken, event by event as before.
     */
    static final int BATCH_SIZE = 100;

    /**
     * Registers the dispatcher's tracking processor: one thread, one segment, from the tail, token in memory, batches
     * of up to {@value #BATCH_SIZE} events.
     */
    public static void registerProcessor(EventProcessingConfigurer processing) {
        String group = DispatchEventHandler.PROCESSING_GROUP;
        processing.registerTokenStore(group, config -> new InMemoryTokenStore());
        processing.registerTrackingEventProcessor(group, Configuration::eventStore,
                config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(BATCH_SIZE)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken));
    }

    @Bean
    public FleetView fleetView() {
        return new FleetView(new DispatchPolicy(), new AttemptSweep());
    }

    @Bean
    public CatchUpSignal fleetViewCatchUp(EventProcessingConfiguration processing) {
        return new TrackingProcessorCatchUp(processing, DispatchEventHandler.PROCESSING_GROUP);
    }

    /** Queue depth and workers per state, read from the view at each scrape. */
    @Bean
    public FleetMeters fleetMeters(FleetView fleetView) {
        return new FleetMeters(fleetView);
    }

    @Bean
    public Dispatcher dispatcher(FleetView fleetView, CommandGateway commandGateway, CatchUpSignal fleetViewCatchUp,
                                 ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meterRegistry,
                                 DispatchProperties properties) {
        MeterRegistry registry = meterRegistry.getIfAvailable();
        DispatchMeters meters = registry != null ? new DispatchMeters(registry) : DispatchMeters.none();
        return new Dispatcher(fleetView, commandGateway, fleetViewCatchUp, clock.getIfAvailable(Clock::systemUTC),
                meters, Math.max(1, properties.senders()));
    }

    @Bean
    public DispatchLoop dispatchLoop(Dispatcher dispatcher, DispatchProperties properties) {
        return new DispatchLoop(dispatcher, properties);
    }

    @Bean
    public DispatchEventHandler dispatchEventHandler(FleetView fleetView, DispatchLoop dispatchLoop) {
        return new DispatchEventHandler(fleetView, dispatchLoop::wake);
    }
}
