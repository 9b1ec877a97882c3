package io.aviary.command.area.schedule;

import io.aviary.command.dispatch.CatchUpSignal;
import io.aviary.command.dispatch.TrackingProcessorCatchUp;
import io.aviary.command.web.CommandSender;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * Wires the AREA scheduler: its view's tracking processor (in-memory token, replayed from the first event on every
 * start, one segment per replica: the dispatcher's pattern, see {@code DispatchConfiguration}), the view and the loop.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class ScheduleConfiguration {

    @Autowired
    public void configureSchedulerProcessor(EventProcessingConfigurer processing) {
        registerProcessor(processing);
    }

    /** Registers the view's tracking processor: one thread, one segment, from the tail, token in memory. */
    public static void registerProcessor(EventProcessingConfigurer processing) {
        String group = ScheduleViewHandler.PROCESSING_GROUP;
        processing.registerTokenStore(group, config -> new InMemoryTokenStore());
        processing.registerTrackingEventProcessor(group, Configuration::eventStore,
                config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken));
    }

    @Bean
    public ScheduleView scheduleView() {
        return new ScheduleView();
    }

    @Bean
    public ScheduleViewHandler scheduleViewHandler(ScheduleView scheduleView) {
        return new ScheduleViewHandler(scheduleView);
    }

    @Bean
    public AreaScheduler areaScheduler(ScheduleView scheduleView, EventProcessingConfiguration processing,
                                       CommandSender commandSender, SchedulerProperties properties,
                                       ObjectProvider<Clock> clock) {
        CatchUpSignal caughtUp = new TrackingProcessorCatchUp(processing, ScheduleViewHandler.PROCESSING_GROUP);
        return new AreaScheduler(scheduleView, caughtUp, commandSender, clock.getIfAvailable(Clock::systemUTC),
                properties);
    }
}
