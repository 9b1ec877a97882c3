package io.aviary.projections.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.events.AviaryEvent;
import io.aviary.events.CloudEventAttributes;
import io.aviary.events.EventCatalog;
import io.aviary.projections.apply.ProjectedEvent;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Turns a record of {@code aviary.events} (CloudEvents binary mode, already read by {@code CloudEventDeserializer})
 * into a {@link ProjectedEvent}. Anything it cannot use is logged with its offset and skipped: an unknown type (a
 * newer producer), or a record that is not a readable Aviary event. Skipping, rather than failing, keeps one bad
 * record from blocking its partition forever.
 */
public final class CloudEventDecoder {

    private static final Logger log = LoggerFactory.getLogger(CloudEventDecoder.class);

    private final ObjectMapper objectMapper;

    public CloudEventDecoder(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public Optional<ProjectedEvent> decode(ConsumerRecord<?, CloudEvent> record) {
        CloudEvent cloudEvent = record.value();
        if (cloudEvent == null) {
            log.warn("Skipping record {}: not a CloudEvent (unreadable headers or empty value)", where(record));
            return Optional.empty();
        }
        Optional<EventCatalog.EventType> type = EventCatalog.byCloudEventType(cloudEvent.getType());
        if (type.isEmpty()) {
            log.info("Skipping record {}: unknown event type {}", where(record), cloudEvent.getType());
            return Optional.empty();
        }
        try {
            long sequence = sequence(cloudEvent.getExtension(CloudEventAttributes.AGGREGATE_SEQUENCE));
            if (cloudEvent.getData() == null) {
                throw new IllegalArgumentException("no data");
            }
            AviaryEvent event = objectMapper.readValue(cloudEvent.getData().toBytes(), type.get().eventClass());
            if (event.aggregateId() == null) {
                throw new IllegalArgumentException("no aggregate id in the data");
            }
            return Optional.of(new ProjectedEvent(cloudEvent.getId(), sequence, event));
        } catch (Exception e) {
            log.warn("Skipping record {} (id {}, type {}): cannot read it: {}", where(record), cloudEvent.getId(),
                    cloudEvent.getType(), e.toString());
            return Optional.empty();
        }
    }

    /** {@code aviaryseq} arrives as a decimal string (binary mode headers are strings); accept a number too. */
    private static long sequence(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            return Long.parseLong(text.trim());
        }
        throw new IllegalArgumentException("missing extension " + CloudEventAttributes.AGGREGATE_SEQUENCE);
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
