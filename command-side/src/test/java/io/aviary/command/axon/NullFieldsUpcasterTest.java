package io.aviary.command.axon;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.events.EventCatalog;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskReassigned;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assignment and completion events stored before version 2 (the catalog's v1 examples, no revision) keep reading,
 * their price {@code null}; the ones written now are stored as revision 2 with it.
 */
class NullFieldsUpcasterTest {

    private final Serializer serializer = JacksonSerializer.builder().objectMapper(EventJson.newObjectMapper())
            .revisionResolver(new CatalogRevisionResolver()).build();
    private final EventUpcasterChain chain = new EventUpcasterChain(
            new NullFieldsUpcaster(TaskAssigned.class, 1, "assignmentFee"),
            new NullFieldsUpcaster(TaskReassigned.class, 1, "assignmentFee"),
            new NullFieldsUpcaster(TaskCompleted.class, 1, "completionReward"));

    @Test
    void a_stored_v1_assignment_is_upcast_to_revision_2_with_no_fee() throws IOException {
        // given a TaskAssigned stored before version 2: the v1 body, no revision
        GenericDomainEventEntry<byte[]> stored = stored(TaskAssigned.class, "io.aviary.task.TaskAssigned.v1", null);

        // when the event store reads it through its upcaster chain
        List<IntermediateEventRepresentation> upcast =
                chain.upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();
        TaskAssigned read = (TaskAssigned) read(stored).getPayload();

        // then it is revision 2 with the fee present and null, and its v1 fields intact
        assertThat(upcast).singleElement().satisfies(representation -> {
            assertThat(representation.getType().getRevision()).isEqualTo("2");
            JsonNode body = representation.getData(JsonNode.class).getData();
            assertThat(body.has("assignmentFee") && body.get("assignmentFee").isNull()).isTrue();
        });
        assertThat(read.assignmentFee()).isNull();
        assertThat(read.attempt()).isEqualTo(1);
        assertThat(read.timeoutMs()).isEqualTo(30_000);
    }

    @Test
    void stored_v1_reassignments_and_completions_read_without_their_price() throws IOException {
        TaskReassigned reassigned = (TaskReassigned) read(stored(TaskReassigned.class,
                "io.aviary.task.TaskReassigned.v1", "1")).getPayload();
        TaskCompleted completed = (TaskCompleted) read(stored(TaskCompleted.class,
                "io.aviary.task.TaskCompleted.v1", null)).getPayload();

        assertThat(reassigned.assignmentFee()).isNull();
        assertThat(reassigned.toWorkerId()).isNotBlank();
        assertThat(completed.completionReward()).isNull();
        assertThat(completed.outcome()).isNotNull();
    }

    @Test
    void a_version_2_event_is_left_as_it_is() throws IOException {
        TaskAssigned read = (TaskAssigned) read(stored(TaskAssigned.class, "io.aviary.task.TaskAssigned.v2", "2"))
                .getPayload();

        assertThat(read.assignmentFee()).isEqualTo(12L);
        assertThat(new CatalogRevisionResolver().revisionOf(TaskAssigned.class)).isEqualTo("2");
    }

    private DomainEventMessage<?> read(GenericDomainEventEntry<byte[]> stored) {
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(stored), serializer, chain).asStream()
                .toList().get(0);
    }

    private static GenericDomainEventEntry<byte[]> stored(Class<?> type, String wireName, String revision)
            throws IOException {
        String example = EventCatalog.byCloudEventType(wireName).orElseThrow().exampleResource();
        try (InputStream body = EventCatalog.class.getResourceAsStream(example)) {
            return new GenericDomainEventEntry<>("TaskAggregate", UUID.randomUUID().toString(), 1,
                    UUID.randomUUID().toString(), "2026-11-22T09:00:01Z", type.getName(), revision,
                    body.readAllBytes(), "{}".getBytes());
        }
    }
}
