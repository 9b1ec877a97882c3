package io.aviary.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.liveness.HeartbeatAuthenticator;
import io.aviary.command.liveness.HeartbeatBook;
import io.aviary.command.support.TestApi;
import io.aviary.events.Topics;
import io.aviary.events.liveness.Heartbeat;
import io.aviary.events.task.TaskCreated;
import io.aviary.infra.EmbeddedStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Only request bodies are strict ({@code spring.jackson.deserialization.fail-on-unknown-properties}): what this app
 * reads that another version may have written still ignores fields it does not know. Stored events are read by
 * Axon's serializers (their own ObjectMapper, {@code axon/EventJson}); heartbeats come from agents of any version.
 */
class TolerantReadersIntegrationTest extends CommandSideIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Autowired
    private Serializer serializer;

    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;

    @Autowired
    @Qualifier("messageSerializer")
    private Serializer messageSerializer;

    @Autowired
    private HeartbeatBook heartbeats;

    @Test
    void a_stored_event_with_a_field_this_version_does_not_know_still_reads() throws Exception {
        for (Serializer axon : List.of(serializer, eventSerializer, messageSerializer)) {
            // given a stored TaskCreated that a later version wrote with one more field
            TaskCreated created = new TaskCreated(UUID.randomUUID().toString(), "noop", Map.of("n", 1), 0, Map.of(),
                    3, 60_000, null, 10, 20, Instant.parse("2030-01-01T00:00:00Z"));
            SerializedObject<String> stored = axon.serialize(created, String.class);
            ObjectNode later = (ObjectNode) JSON.readTree(stored.getData());
            later.put("addedInALaterVersion", "x");

            // when it is read
            TaskCreated read = axon.deserialize(new SimpleSerializedObject<>(later.toString(), String.class,
                    stored.getType()));

            // then it is the event, the unknown field ignored
            assertThat(read).as("read by %s", axon).isEqualTo(created);
        }
    }

    @Test
    void a_heartbeat_with_a_field_this_version_does_not_know_still_counts() throws Exception {
        // given an agent whose (later) version sends one more field in its heartbeat
        TestApi.Agent agent = api().enrolAgent();
        ObjectNode beat = JSON.valueToTree(new Heartbeat(agent.workerId(), agent.name(), 2, 0, Instant.now()));
        beat.put("addedInALaterVersion", 42);

        // when it beats
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedStack.shared().kafkaBootstrap()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.WORKER_LIVENESS, agent.workerId(),
                    beat.toString());
            record.headers().add(HeartbeatAuthenticator.HEADER,
                    ("Bearer " + agent.accessToken()).getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }

        // then the command side has it as the worker's last beat
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(heartbeats.last(agent.workerId()))
                .hasValueSatisfying(last -> assertThat(last.heartbeat().slots()).isEqualTo(2)));
    }
}
