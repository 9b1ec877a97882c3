package io.aviary.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.aviary.events.EventCatalog.EventType;
import io.aviary.events.liveness.Heartbeat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event type has a schema and an example; the example and the record agree with the schema. */
class EventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static List<EventType> eventTypes() {
        return EventCatalog.all();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void exampleValidatesAndSurvivesARoundTripThroughItsRecord(EventType type) throws IOException {
        // given the schema and the example of one event type
        JsonSchema schema = schema(type.schemaResource());
        JsonNode example = resource("/io/aviary/events/examples/" + type.cloudEventType() + ".json");

        // when the example is read into its record and written again
        Object event = JSON.treeToValue(example, type.eventClass());
        JsonNode written = JSON.valueToTree(event);

        // then both validate, and nothing was lost on the way
        assertThat(schema.validate(example)).isEmpty();
        assertThat(schema.validate(written)).isEmpty();
        assertThat(JSON.treeToValue(written, type.eventClass())).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaRejectsAnEventWithoutItsAggregateId(EventType type) throws IOException {
        JsonSchema schema = schema(type.schemaResource());
        com.fasterxml.jackson.databind.node.ObjectNode example =
                (com.fasterxml.jackson.databind.node.ObjectNode) resource(
                        "/io/aviary/events/examples/" + type.cloudEventType() + ".json");
        String idField = java.util.stream.Stream.of("taskId", "accountId", "userId", "workerId")
                .filter(example::has).findFirst().orElseThrow();

        example.remove(idField);
        Set<ValidationMessage> errors = schema.validate(example);

        assertThat(errors).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains(idField));
    }

    @Test
    void wireNamesFollowTheAggregateEventVersionPattern() {
        assertThat(EventCatalog.all()).extracting(EventType::cloudEventType)
                .allMatch(name -> name.matches("io\\.aviary\\.(worker|task|user|account)\\.[A-Z][A-Za-z]+\\.v[1-9][0-9]*"))
                .doesNotHaveDuplicates();
        assertThat(EventCatalog.byCloudEventType("io.aviary.task.TaskCreated.v1"))
                .map(EventType::eventClass).contains(io.aviary.events.task.TaskCreated.class);
        assertThat(EventCatalog.byCloudEventType("io.aviary.task.Unknown.v1")).isEmpty();
    }

    @Test
    void heartbeatExampleValidates() throws IOException {
        JsonSchema schema = schema("/io/aviary/events/schemas/io.aviary.liveness.Heartbeat.v1.json");
        JsonNode example = resource("/io/aviary/events/examples/io.aviary.liveness.Heartbeat.v1.json");

        Heartbeat heartbeat = JSON.treeToValue(example, Heartbeat.class);

        assertThat(schema.validate(JSON.valueToTree(heartbeat))).isEmpty();
        assertThat(heartbeat.busySlots()).isEqualTo(2);
    }

    private static JsonSchema schema(String resource) throws IOException {
        try (InputStream in = EventContractTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("schema " + resource).isNotNull();
            return SCHEMAS.getSchema(in);
        }
    }

    private static JsonNode resource(String resource) throws IOException {
        try (InputStream in = EventContractTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("resource " + resource).isNotNull();
            return JSON.readTree(in);
        }
    }
}
