package io.aviary.command.axon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * One gauge per streaming event processor, {@code aviary_processor_lag_events{processor}}: how many events of the
 * event store it has still to handle (head position minus its slowest segment's position). These replace Axon's
 * per-message Micrometer monitors, which cost a few hundred meter lookups per task on the hot path (ADR 16); the
 * lag is what an operator alerts on. Registered once the application is ready, when every processor exists.
 */
final class ProcessorLagGauges {

    static final String METER = "aviary.processor.lag.events";

    private final EventProcessingConfiguration processing;
    private final MeterRegistry registry;
    private final LongSupplier head;

    ProcessorLagGauges(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry registry) {
        this.processing = processing;
        this.registry = registry;
        this.head = new CachedHead(() -> position(eventStore.createHeadToken()).orElse(0));
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder(METER, streaming, this::lag)
                        .tag("processor", name)
                        .description("Events in the event store the processor has not handled yet")
                        .register(registry);
            }
        });
    }

    private double lag(StreamingEventProcessor processor) {
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            slowest = Math.min(slowest, position(status.getTrackingToken()).orElse(-1));
        }
        if (slowest == Long.MAX_VALUE) {
            return Double.NaN; // no segment claimed here (another replica holds it)
        }
        return Math.max(0, head.getAsLong() - slowest);
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }

    /** The head position, read at most once a second however many gauges ask for it in one scrape. */
    private static final class CachedHead implements LongSupplier {
        private final LongSupplier source;
        private long value;
        private long readAtNanos;
        private boolean read;

        CachedHead(LongSupplier source) {
            this.source = source;
        }

        @Override
        public synchronized long getAsLong() {
            long now = System.nanoTime();
            if (!read || now - readAtNanos > 1_000_000_000L) {
                value = source.getAsLong();
                readAtNanos = now;
                read = true;
            }
            return value;
        }
    }
}
