package io.aviary.benchmarks.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.aviary.events.EventCatalog;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everySyntheticEventIsAValidCloudEventOfTheContract() throws IOException {
        // given a small synthetic history
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        long count = new SyntheticEvents(3, Duration.ofDays(1), "test-worker")
                .generate(100, event -> records.add(SyntheticEvents.record(event)));

        // then it has at least the asked number of events, in the wire format, each valid against its schema
        assertThat(count).isGreaterThanOrEqualTo(100).isEqualTo(records.size());
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<String, JsonSchema> schemas = new HashMap<>();
        Map<String, Integer> types = new HashMap<>();
        for (ProducerRecord<String, byte[]> record : records) {
            String type = header(record, "ce_type");
            EventCatalog.EventType eventType = EventCatalog.byCloudEventType(type).orElseThrow();
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_subject")).isEqualTo(record.key());
            assertThat(header(record, "ce_aviaryaggregate")).isEqualTo(eventType.aggregate());
            assertThat(header(record, "content-type")).isEqualTo("application/json");
            JsonSchema schema = schemas.computeIfAbsent(eventType.schemaResource(), r -> load(factory, r));
            assertThat(schema.validate(JSON.readTree(record.value()))).as("%s", type).isEmpty();
            types.merge(eventType.eventClass().getSimpleName(), 1, Integer::sum);
        }
        assertThat(types).containsOnlyKeys("WorkerRegistered", "AccountOpened", "TaskCreated", "TaskAssigned",
                "AccountCharged", "TaskStarted", "TaskCompleted", "AccountCredited");
    }

    @Test
    void sequencesCountUpPerAggregateFromZero() {
        Map<String, List<Long>> sequences = new HashMap<>();
        new SyntheticEvents(2, Duration.ofHours(1), "test-worker")
                .generate(50, event -> sequences.computeIfAbsent(event.aggregateId(), k -> new ArrayList<>())
                        .add(event.sequence()));

        sequences.forEach((aggregate, seqs) -> {
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("sequence %d of %s", i, aggregate).isEqualTo(i);
            }
        });
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static JsonSchema load(JsonSchemaFactory factory, String resource) {
        try (InputStream in = EventCatalog.class.getResourceAsStream(resource)) {
            return factory.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
