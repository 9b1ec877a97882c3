package io.aviary.command.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.command.support.PostgresEventStore;
import io.aviary.events.EventCatalog;
import io.aviary.events.EventCatalog.EventType;
import io.aviary.events.area.RetryPolicy;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskOrigin;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code TaskCreated} as stored before version 2 (the JSON fixture of the v1 shape, no revision) keeps reading: through
 * Axon's upcaster chain (in memory and from a real PostgreSQL event store) and through the event catalog. New events
 * are stored as revision 2.
 */
class TaskCreatedUpcasterTest {

    private static final String FIXTURE = "/io/aviary/command/axon/TaskCreated.v1.json";

    private final Serializer serializer = JacksonSerializer.builder().objectMapper(EventJson.newObjectMapper())
            .revisionResolver(new CatalogRevisionResolver()).build();

    private static byte[] fixture() throws IOException {
        try (InputStream in = TaskCreatedUpcasterTest.class.getResourceAsStream(FIXTURE)) {
            return in.readAllBytes();
        }
    }

    @Test
    void a_stored_v1_event_is_upcast_to_revision_2_with_no_retry_policy_and_no_origin() throws IOException {
        // given the v1 body as stored before this change: payload revision null
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("TaskAggregate",
                "0f9a2b64-3c1d-4e8f-9a7b-6c5d4e3f2a10", 0, UUID.randomUUID().toString(), "2026-11-22T09:00:01Z",
                TaskCreated.class.getName(), null, fixture(), "{}".getBytes());

        // when the event store reads it through its upcaster chain
        EventUpcasterChain chain = new EventUpcasterChain(new TaskCreatedUpcaster());
        List<IntermediateEventRepresentation> upcast =
                chain.upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();
        List<? extends DomainEventMessage<?>> read = EventStreamUtils.upcastAndDeserializeDomainEvents(
                Stream.of(stored), serializer, new EventUpcasterChain(new TaskCreatedUpcaster())).asStream().toList();

        // then it is revision 2, the new fields present and null, and reads as today's record with the v1 fields intact
        assertThat(upcast).singleElement().satisfies(representation -> {
            assertThat(representation.getType().getRevision()).isEqualTo("2");
            JsonNode body = representation.getData(JsonNode.class).getData();
            assertThat(body.has("retryPolicy") && body.get("retryPolicy").isNull()).isTrue();
            assertThat(body.has("origin") && body.get("origin").isNull()).isTrue();
        });
        assertThat(read).singleElement().satisfies(message -> {
            TaskCreated event = (TaskCreated) message.getPayload();
            assertThat(event.taskId()).isEqualTo("0f9a2b64-3c1d-4e8f-9a7b-6c5d4e3f2a10");
            assertThat(event.payload()).isEqualTo(Map.of("millis", 250));
            assertThat(event.requiredLabels()).isEqualTo(Map.of("zone", "eu-1"));
            assertThat(event.idempotencyKey()).isEqualTo("order-4711");
            assertThat(event.assignmentFee()).isEqualTo(14);
            assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-11-22T09:00:01Z"));
            assertThat(event.retryPolicy()).isNull();
            assertThat(event.origin()).isNull();
        });
    }

    @Test
    void the_revision_of_a_stored_event_is_its_catalog_version() {
        assertThat(new CatalogRevisionResolver().revisionOf(TaskCreated.class)).isEqualTo("2");
        assertThat(new CatalogRevisionResolver().revisionOf(io.aviary.events.task.TaskAssigned.class)).isEqualTo("2");
        assertThat(new CatalogRevisionResolver().revisionOf(io.aviary.events.task.TaskStarted.class)).isEqualTo("1");
        assertThat(new CatalogRevisionResolver().revisionOf(io.aviary.command.account.AccountAggregate.class))
                .isEqualTo("1"); // not an event: its @Revision, for snapshots
        assertThat(new CatalogRevisionResolver().revisionOf(String.class)).isNull();
    }

    @Test
    void on_postgresql_a_v1_row_reads_upcast_next_to_a_v2_one() throws IOException {
        try (PostgresEventStore store = new PostgresEventStore("upcaster")) {
            // given a v1 row written the way it was before (no payloadRevision) and a v2 event of another task
            String oldTask = "0f9a2b64-3c1d-4e8f-9a7b-6c5d4e3f2a10";
            JdbcTemplate jdbc = new JdbcTemplate(store.dataSource());
            jdbc.update("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
                    + "metaData, payload, payloadRevision, payloadType, timeStamp) VALUES (?, 0, 'TaskAggregate', ?, "
                    + "?, ?, NULL, ?, ?)", oldTask, UUID.randomUUID().toString(), "{}".getBytes(), fixture(),
                    TaskCreated.class.getName(), "2026-11-22T09:00:01Z");
            String newTask = UUID.randomUUID().toString();
            TaskCreated v2 = new TaskCreated(newTask, "http.poll", Map.of(), 0, Map.of(), 4, 1000, null, 10, 20,
                    Instant.parse("2026-11-22T10:00:00Z"), new RetryPolicy(4, 100, 2, 1000),
                    TaskOrigin.action("area-1", "execution-1"));
            store.engine().appendEvents(new GenericDomainEventMessage<>("TaskAggregate", newTask, 0, v2));

            // when both are read back
            TaskCreated old = (TaskCreated) store.engine().readEvents(oldTask).next().getPayload();
            TaskCreated current = (TaskCreated) store.engine().readEvents(newTask).next().getPayload();

            // then the old one has no policy or origin, the new one kept them, and is stored as revision 2
            assertThat(old.assignmentFee()).isEqualTo(14);
            assertThat(old.retryPolicy()).isNull();
            assertThat(old.origin()).isNull();
            assertThat(current).isEqualTo(v2);
            assertThat(jdbc.queryForObject("SELECT payloadRevision FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                    String.class, newTask)).isEqualTo("2");
        }
    }

    @Test
    void through_the_catalog_a_v1_record_on_kafka_reads_into_the_current_record() throws IOException {
        EventType v1 = EventCatalog.byCloudEventType("io.aviary.task.TaskCreated.v1").orElseThrow();

        Object read = new ObjectMapper().findAndRegisterModules().readValue(fixture(), v1.eventClass());

        assertThat(read).isInstanceOfSatisfying(TaskCreated.class, event -> {
            assertThat(event.completionReward()).isEqualTo(31);
            assertThat(event.origin()).isNull();
        });
        assertThat(EventCatalog.of(TaskCreated.class).cloudEventType()).isEqualTo("io.aviary.task.TaskCreated.v2");
    }
}
