package io.aviary.projections.kafka;

import io.aviary.events.Topics;
import io.aviary.projections.apply.BatchResult;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.apply.ReadModelProjector;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code aviary.events} in batches. The container commits the batch's offsets only after this method
 * returns, i.e. after the read models were written (at-least-once; the projector is idempotent). Once written, the
 * batch's events count in the {@link ProjectionMeters}.
 */
@Component
class EventsListener {

    private static final Logger log = LoggerFactory.getLogger(EventsListener.class);

    private final CloudEventDecoder decoder;
    private final ReadModelProjector projector;
    private final ProjectionMeters meters;
    private final Clock clock;

    @Autowired
    EventsListener(CloudEventDecoder decoder, ReadModelProjector projector, ProjectionMeters meters) {
        this(decoder, projector, meters, Clock.systemUTC());
    }

    EventsListener(CloudEventDecoder decoder, ReadModelProjector projector, ProjectionMeters meters, Clock clock) {
        this.decoder = decoder;
        this.projector = projector;
        this.meters = meters;
        this.clock = clock;
    }

    /** Id of the listener container (a rebuild pauses it while it swaps a collection in). */
    static final String LISTENER_ID = "aviary-projections-listener";

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = "${aviary.projections.topic:" + Topics.EVENTS + "}",
            batch = "true",
            autoStartup = "${aviary.projections.auto-startup:true}")
    void onBatch(List<ConsumerRecord<String, CloudEvent>> records) {
        List<ProjectedEvent> events = new ArrayList<>(records.size());
        List<OffsetDateTime> times = new ArrayList<>(records.size());
        for (ConsumerRecord<String, CloudEvent> record : records) {
            decoder.decode(record).ifPresent(event -> {
                events.add(event);
                times.add(record.value().getTime());
            });
        }
        BatchResult result = projector.apply(events);
        meters.applied(times, clock.instant());
        log.debug("Projected {} records: {}", records.size(), result);
    }
}
