package io.aviary.agent.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aviary.agent.AgentJson;
import io.aviary.events.AviaryEvent;
import io.aviary.events.CloudEventAttributes;
import io.aviary.events.EventCatalog;
import io.aviary.events.EventCatalog.EventType;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.aviary.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Writes events to {@code aviary.events} the way the command side does: CloudEvents in binary mode through
 * cloudevents-kafka's serializer, key = aggregate id.
 */
public final class TaskEventProducer implements AutoCloseable {

    private final KafkaProducer<String, CloudEvent> producer;

    public TaskEventProducer(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new CloudEventSerializer());
    }

    /** Sends the event and waits for the broker's acknowledgement. */
    public RecordMetadata send(AviaryEvent event) {
        EventType type = EventCatalog.of(event.getClass());
        CloudEvent cloudEvent;
        try {
            cloudEvent = CloudEventBuilder.v1()
                    .withId(UUID.randomUUID().toString())
                    .withSource(URI.create(CloudEventAttributes.SOURCE))
                    .withType(type.cloudEventType())
                    .withSubject(event.aggregateId())
                    .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                    .withDataContentType("application/json")
                    .withExtension(CloudEventAttributes.AGGREGATE_SEQUENCE, "0")
                    .withExtension(CloudEventAttributes.AGGREGATE_TYPE, type.aggregate())
                    .withData(AgentJson.newMapper().writeValueAsBytes(event))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            return producer.send(new ProducerRecord<>(Topics.EVENTS, event.aggregateId(), cloudEvent)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
