package io.aviary.command.kafka;

import io.aviary.command.axon.EventJson;
import io.aviary.events.task.TaskCreated;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AviaryCloudEventConverterTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:15:30.123Z");
    private static final String TASK = "6f1c1f0e-5d4b-4a57-9d59-2f1f5c3b8a10";
    private static final TaskCreated CREATED = new TaskCreated(TASK, "noop", Map.of("a", 1), 0, Map.of(), 3, 60_000,
            null, 12, 30, AT);

    private final AviaryCloudEventConverter converter = new AviaryCloudEventConverter(EventJson.newObjectMapper(),
            "http://query.example:8081/");

    @Test
    void aStoredEventBecomesABinaryModeCloudEventKeyedByItsAggregate() {
        // given the fourth event of a task, as the event store hands it to the publisher
        DomainEventMessage<TaskCreated> stored = new GenericDomainEventMessage<>("TaskAggregate", TASK, 3, CREATED,
                MetaData.emptyInstance(), "event-7", AT);

        // when it is converted and serialized the way the producer does it
        ProducerRecord<String, CloudEvent> record = converter.createKafkaMessage(stored, "aviary.events");
        byte[] value;
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            serializer.configure(Map.of(), false);
            value = serializer.serialize(record.topic(), record.headers(), record.value());
        }

        // then the key, the headers and the data follow the wire format
        assertThat(record.key()).isEqualTo(TASK);
        assertThat(record.timestamp()).isEqualTo(AT.toEpochMilli());
        assertThat(headers(record)).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", "event-7")
                .containsEntry("ce_source", "/aviary/command-side")
                .containsEntry("ce_type", "io.aviary.task.TaskCreated.v2")
                .containsEntry("ce_dataschema",
                        "http://query.example:8081/api/v1/event-schemas/io.aviary.task.TaskCreated.v2")
                .containsEntry("ce_subject", TASK)
                .containsEntry("ce_aviaryseq", "3")
                .containsEntry("ce_aviaryaggregate", "task")
                .containsEntry("content-type", "application/json")
                .containsKey("ce_time");
        assertThat(Instant.parse(headers(record).get("ce_time"))).isEqualTo(AT);
        String json = new String(value, StandardCharsets.UTF_8);
        assertThat(json).contains("\"createdAt\":\"2025-03-01T10:15:30.123Z\"").doesNotContain("io.aviary.events");
    }

    @Test
    void aRecordReadsBackIntoTheSameEvent() {
        DomainEventMessage<TaskCreated> stored = new GenericDomainEventMessage<>("TaskAggregate", TASK, 0, CREATED,
                MetaData.emptyInstance(), "event-1", AT);
        ProducerRecord<String, CloudEvent> record = converter.createKafkaMessage(stored, "aviary.events");

        EventMessage<?> read = converter.readKafkaMessage(
                new ConsumerRecord<>("aviary.events", 0, 0L, record.key(), record.value())).orElseThrow();

        assertThat(read.getPayload()).isEqualTo(CREATED);
        assertThat(read.getIdentifier()).isEqualTo("event-1");
        assertThat(((DomainEventMessage<?>) read).getAggregateIdentifier()).isEqualTo(TASK);
    }

    @Test
    void anEventThatIsNotAnAggregateEventIsRefused() {
        assertThatThrownBy(() -> converter.createKafkaMessage(new GenericEventMessage<>(CREATED), "aviary.events"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, String> headers(ProducerRecord<?, ?> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
