package io.aviary.command.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.events.CloudEventAttributes;
import io.aviary.events.EventCatalog;
import io.aviary.events.EventCatalog.EventType;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Turns a stored domain event into the Aviary wire format (brief "Kafka wire format"): a CloudEvent whose
 * {@code type} is the {@link EventCatalog} name (not a Java class name, as the extension's own converter would write),
 * {@code dataschema} the URL of its JSON Schema on the query side,
 * {@code subject} and record key the aggregate id, extensions {@code aviaryseq} and {@code aviaryaggregate}, and the
 * event record as JSON data. {@code io.cloudevents.kafka.CloudEventSerializer} then writes it in binary mode.
 */
public class AviaryCloudEventConverter implements KafkaMessageConverter<String, CloudEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AviaryCloudEventConverter.class);
    private static final URI SOURCE = URI.create(CloudEventAttributes.SOURCE);
    private static final String JSON = "application/json";

    /** Path under the query side's base URL where each type's JSON Schema is served ({@code EventSchemaController}). */
    public static final String SCHEMA_PATH = "/api/v1/event-schemas/";

    private final ObjectMapper json;
    private final String schemaBase;

    /** @param queryBaseUrl the query side's base URL, which serves the schemas {@code dataschema} points to */
    public AviaryCloudEventConverter(ObjectMapper json, String queryBaseUrl) {
        this.json = json;
        this.schemaBase = (queryBaseUrl.endsWith("/") ? queryBaseUrl.substring(0, queryBaseUrl.length() - 1)
                : queryBaseUrl) + SCHEMA_PATH;
    }

    @Override
    public ProducerRecord<String, CloudEvent> createKafkaMessage(EventMessage<?> message, String topic) {
        if (!(message instanceof DomainEventMessage<?> domainEvent)) {
            throw new IllegalArgumentException("Only aggregate events go to Kafka, not " + message.getPayloadType());
        }
        EventType type = EventCatalog.of(message.getPayloadType());
        String aggregateId = domainEvent.getAggregateIdentifier();
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withSource(SOURCE)
                .withType(type.cloudEventType())
                .withDataSchema(URI.create(schemaBase + type.cloudEventType()))
                .withSubject(aggregateId)
                .withTime(message.getTimestamp().atOffset(ZoneOffset.UTC))
                .withExtension(CloudEventAttributes.AGGREGATE_SEQUENCE, Long.toString(domainEvent.getSequenceNumber()))
                .withExtension(CloudEventAttributes.AGGREGATE_TYPE, type.aggregate())
                .withData(JSON, toJson(message.getPayload()))
                .build();
        return new ProducerRecord<>(topic, null, message.getTimestamp().toEpochMilli(), aggregateId, cloudEvent);
    }

    /** The reverse, for completeness and tests; Aviary's consumers read the topic without Axon. */
    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent cloudEvent = record.value();
        Optional<EventType> type = EventCatalog.byCloudEventType(cloudEvent.getType());
        if (type.isEmpty()) {
            LOG.info("Skipping record {}@{} of unknown type {}", record.topic(), record.offset(), cloudEvent.getType());
            return Optional.empty();
        }
        Object payload = fromJson(cloudEvent.getData(), type.get().eventClass());
        Object sequence = cloudEvent.getExtension(CloudEventAttributes.AGGREGATE_SEQUENCE);
        Instant time = cloudEvent.getTime() != null ? cloudEvent.getTime().toInstant() : Instant.now();
        return Optional.of(new GenericDomainEventMessage<>(type.get().aggregate(), cloudEvent.getSubject(),
                Long.parseLong(String.valueOf(sequence)), payload, MetaData.emptyInstance(), cloudEvent.getId(),
                time));
    }

    private byte[] toJson(Object payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + payload.getClass().getName() + " as JSON", e);
        }
    }

    private Object fromJson(CloudEventData data, Class<?> eventClass) {
        try {
            return json.readValue(data.toBytes(), eventClass);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + eventClass.getSimpleName() + " from JSON", e);
        }
    }
}
