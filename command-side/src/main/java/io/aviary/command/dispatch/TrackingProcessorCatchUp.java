package io.aviary.command.dispatch;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Reads catch-up from the tracking processor's own status: a segment is caught up once its event stream had no
 * next event available after a batch was handled (so every event before that point went through the handlers).
 * Latched: once caught up, the view only moves forward in real time, so it stays trustworthy.
 */
public final class TrackingProcessorCatchUp implements CatchUpSignal {

    private static final Logger log = LoggerFactory.getLogger(TrackingProcessorCatchUp.class);

    private final EventProcessingConfiguration processing;
    private final String processorName;
    private volatile boolean caughtUp;

    public TrackingProcessorCatchUp(EventProcessingConfiguration processing, String processorName) {
        this.processing = processing;
        this.processorName = processorName;
    }

    @Override
    public boolean isCaughtUp() {
        if (!caughtUp && processorCaughtUp()) {
            caughtUp = true;
            log.info("Processor '{}' caught up with the event store: its view is trusted from now on", processorName);
        }
        return caughtUp;
    }

    private boolean processorCaughtUp() {
        return processing.eventProcessor(processorName, TrackingEventProcessor.class)
                .map(TrackingEventProcessor::processingStatus)
                .filter(status -> !status.isEmpty())
                .map(Map::values)
                .map(segments -> segments.stream().allMatch(s -> s.isCaughtUp() && !s.isErrorState()))
                .orElse(false);
    }
}
