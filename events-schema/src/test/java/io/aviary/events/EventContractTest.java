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
import io.aviary.events.area.AreaFired;
import io.aviary.events.area.RetryPolicy;
import io.aviary.events.liveness.Heartbeat;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskOrigin;
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
        // given the schema and the example of one event type (of any version)
        JsonSchema schema = schema(type.schemaResource());
        JsonNode example = resource(type.exampleResource());

        // when the example is read into its record and written again (always in the newest shape)
        Object event = JSON.treeToValue(example, type.eventClass());
        JsonNode written = JSON.valueToTree(event);

        // then the example validates against its version, what is written against the newest, and nothing was lost
        assertThat(schema.validate(example)).isEmpty();
        assertThat(schema(EventCatalog.of(type.eventClass()).schemaResource()).validate(written)).isEmpty();
        assertThat(JSON.treeToValue(written, type.eventClass())).isEqualTo(event);
    }

    @Test
    void anOlderVersionKeepsReadingIntoTheNewestRecordWithTheNewFieldsNull() throws IOException {
        // given the wire name and the example of TaskCreated version 1 (before retryPolicy and origin)
        EventType v1 = EventCatalog.byCloudEventType("io.aviary.task.TaskCreated.v1").orElseThrow();
        JsonNode example = resource(v1.exampleResource());

        // when a consumer reads it as the catalog says
        TaskCreated event = (TaskCreated) JSON.treeToValue(example, v1.eventClass());

        // then it is the current record, the v1 fields intact and the v2 fields null; writers use v2
        assertThat(event.taskId()).isEqualTo(example.get("taskId").asText());
        assertThat(event.assignmentFee()).isEqualTo(example.get("assignmentFee").asInt());
        assertThat(event.retryPolicy()).isNull();
        assertThat(event.origin()).isNull();
        assertThat(v1.isCurrent()).isFalse();
        assertThat(EventCatalog.of(TaskCreated.class).cloudEventType()).isEqualTo("io.aviary.task.TaskCreated.v2");
        assertThat(EventCatalog.versions(TaskCreated.class)).extracting(EventType::version).containsExactly(1, 2);
        assertThat(EventCatalog.current()).contains(EventCatalog.of(TaskCreated.class)).doesNotContain(v1)
                .extracting(EventType::eventClass).doesNotHaveDuplicates();
    }

    @Test
    void theNewestVersionOfTaskCreatedCarriesItsRetryPolicyAndOrigin() throws IOException {
        EventType v2 = EventCatalog.of(TaskCreated.class);

        TaskCreated event = (TaskCreated) JSON.treeToValue(resource(v2.exampleResource()), TaskCreated.class);

        assertThat(event.retryPolicy()).isEqualTo(new RetryPolicy(4, 1000, 2.0, 30000));
        assertThat(event.origin()).isEqualTo(TaskOrigin.action("3f2b8c1e-7a4d-4c0e-9b1a-5d6e7f809a1b",
                "8d7c6b5a-4e3f-4a2b-9c1d-0e1f2a3b4c5d"));
    }

    @Test
    void theV1SchemaRejectsTheFieldsOfV2() throws IOException {
        // a v2 event is never sent under the v1 name: a strict v1 consumer would refuse it
        JsonNode v2Example = resource(EventCatalog.of(TaskCreated.class).exampleResource());

        Set<ValidationMessage> errors = schema("/io/aviary/events/schemas/io.aviary.task.TaskCreated.v1.json")
                .validate(v2Example);

        assertThat(errors).extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("retryPolicy")).anyMatch(m -> m.contains("origin"));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaRejectsAnEventWithoutItsAggregateId(EventType type) throws IOException {
        JsonSchema schema = schema(type.schemaResource());
        com.fasterxml.jackson.databind.node.ObjectNode example =
                (com.fasterxml.jackson.databind.node.ObjectNode) resource(type.exampleResource());
        String idField = java.util.stream.Stream.of("taskId", "accountId", "userId", "workerId", "areaId")
                .filter(example::has).findFirst().orElseThrow();

        example.remove(idField);
        Set<ValidationMessage> errors = schema.validate(example);

        assertThat(errors).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains(idField));
    }

    @Test
    void wireNamesFollowTheAggregateEventVersionPattern() {
        assertThat(EventCatalog.all()).extracting(EventType::cloudEventType)
                .allMatch(name -> name.matches(
                        "io\\.aviary\\.(worker|task|user|account|area)\\.[A-Z][A-Za-z]+\\.v[1-9][0-9]*"))
                .doesNotHaveDuplicates();
        assertThat(EventCatalog.byCloudEventType("io.aviary.task.TaskCreated.v1"))
                .map(EventType::eventClass).contains(TaskCreated.class);
        assertThat(EventCatalog.byCloudEventType("io.aviary.task.TaskCreated.v2"))
                .map(EventType::eventClass).contains(TaskCreated.class);
        assertThat(EventCatalog.byCloudEventType("io.aviary.area.AreaFired.v1"))
                .map(EventType::eventClass).contains(AreaFired.class);
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
