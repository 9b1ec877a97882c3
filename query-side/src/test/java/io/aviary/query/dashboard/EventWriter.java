package io.aviary.query.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aviary.events.AviaryEvent;
import io.aviary.events.CloudEventAttributes;
import io.aviary.events.EventCatalog;
import io.aviary.events.Topics;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/** Writes events to {@code aviary.events} as the command side does: binary-mode CloudEvents, key = aggregate id. */
final class EventWriter implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaProducer<String, CloudEvent> events;
    private final KafkaProducer<String, byte[]> raw;

    EventWriter(String bootstrap) {
        Map<String, Object> common = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        events = new KafkaProducer<>(common, new StringSerializer(), new CloudEventSerializer());
        raw = new KafkaProducer<>(common, new StringSerializer(), new ByteArraySerializer());
    }

    /** Writes one event (time = {@code at}) and waits until the broker has it. */
    void write(AviaryEvent event, Instant at) throws Exception {
        EventCatalog.EventType type = EventCatalog.of(event.getClass());
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create(CloudEventAttributes.SOURCE))
                .withType(type.cloudEventType())
                .withSubject(event.aggregateId())
                .withTime(at.atOffset(ZoneOffset.UTC))
                .withExtension(CloudEventAttributes.AGGREGATE_SEQUENCE, "0")
                .withExtension(CloudEventAttributes.AGGREGATE_TYPE, type.aggregate())
                .withData("application/json", JSON.writeValueAsBytes(event))
                .build();
        events.send(new ProducerRecord<>(Topics.EVENTS, event.aggregateId(), cloudEvent)).get();
    }

    /** A record that is not a readable Aviary event: an unknown type, or data that does not parse. */
    void writeRaw(String key, String ceType, String data) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVENTS, key, data.getBytes());
        record.headers().add("ce_specversion", "1.0".getBytes()).add("ce_type", ceType.getBytes());
        raw.send(record).get();
    }

    @Override
    public void close() {
        events.close();
        raw.close();
    }
}
