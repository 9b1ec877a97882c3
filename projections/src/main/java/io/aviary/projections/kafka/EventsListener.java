package io.aviary.projections.kafka;

import io.aviary.events.Topics;
import io.aviary.projections.apply.BatchResult;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.apply.ReadModelProjector;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code aviary.events} in batches. The container commits the batch's offsets only after this method
 * returns, i.e. after the read models were written (at-least-once; the projector is idempotent).
 */
@Component
class EventsListener {

    private static final Logger log = LoggerFactory.getLogger(EventsListener.class);

    private final CloudEventDecoder decoder;
    private final ReadModelProjector projector;

    EventsListener(CloudEventDecoder decoder, ReadModelProjector projector) {
        this.decoder = decoder;
        this.projector = projector;
    }

    /** Id of the listener container (a rebuild pauses it while it swaps a collection in). */
    static final String LISTENER_ID = "aviary-projections-listener";

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = "${aviary.projections.topic:" + Topics.EVENTS + "}",
            batch = "true",
            autoStartup = "${aviary.projections.auto-startup:true}")
    void onBatch(List<ConsumerRecord<String, CloudEvent>> records) {
        List<ProjectedEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, CloudEvent> record : records) {
            decoder.decode(record).ifPresent(events::add);
        }
        BatchResult result = projector.apply(events);
        log.debug("Projected {} records: {}", records.size(), result);
    }
}
