package io.aviary.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.aviary.events.EventCatalog;
import io.aviary.events.EventCatalog.EventType;
import io.aviary.events.Topics;
import io.aviary.infra.EmbeddedStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reads {@code aviary.events} from the beginning and checks records against their JSON Schemas. */
public final class PublishedEvents implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedStack.shared().kafkaBootstrap(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public PublishedEvents() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits until the records of these keys include every wanted CloudEvent type; answers those records. */
    public List<ConsumerRecord<String, byte[]>> awaitTypes(Set<String> keys, Set<String> wantedTypes) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (keys.contains(record.key())) {
                    seen.add(record);
                }
            }
            return seen.stream().map(PublishedEvents::type).toList().containsAll(wantedTypes);
        });
        return List.copyOf(seen);
    }

    /** Asserts the record's data validates against the JSON Schema of its {@code ce_type}. */
    public static void assertValid(ConsumerRecord<String, byte[]> record) {
        EventType type = EventCatalog.byCloudEventType(type(record)).orElseThrow();
        try (InputStream schema = EventCatalog.class.getResourceAsStream(type.schemaResource())) {
            JsonSchema jsonSchema = SCHEMAS.getSchema(schema);
            JsonNode data = JSON.readTree(record.value());
            assertThat(jsonSchema.validate(data)).as("%s against its schema: %s", type.cloudEventType(), data)
                    .isEmpty();
            assertThat(header(record, "ce_aviaryaggregate")).isEqualTo(type.aggregate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String type(ConsumerRecord<?, ?> record) {
        return header(record, "ce_type");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
