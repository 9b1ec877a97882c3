package io.aviary.command.billing;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Whether the named tracking processors are caught up with the event store right now: each runs here, owns at least
 * one segment, and every segment it owns is caught up and not in error. {@code false} when another replica owns
 * them: this replica cannot tell.
 */
final class ProcessorsCaughtUp implements BooleanSupplier {

    private final EventProcessingConfiguration processing;
    private final List<String> processorNames;

    ProcessorsCaughtUp(EventProcessingConfiguration processing, List<String> processorNames) {
        this.processing = processing;
        this.processorNames = List.copyOf(processorNames);
    }

    @Override
    public boolean getAsBoolean() {
        return processorNames.stream().allMatch(this::caughtUp);
    }

    private boolean caughtUp(String name) {
        return processing.eventProcessor(name, TrackingEventProcessor.class)
                .map(TrackingEventProcessor::processingStatus)
                .filter(status -> !status.isEmpty())
                .map(Map::values)
                .map(segments -> segments.stream().allMatch(ProcessorsCaughtUp::caughtUp))
                .orElse(false);
    }

    private static boolean caughtUp(EventTrackerStatus segment) {
        return segment.isCaughtUp() && !segment.isErrorState();
    }
}
