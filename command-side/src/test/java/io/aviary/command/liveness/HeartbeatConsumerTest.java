package io.aviary.command.liveness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aviary.command.dispatch.MutableClock;
import io.aviary.events.Topics;
import io.aviary.events.liveness.Heartbeat;
import io.aviary.infra.EmbeddedStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The heartbeat consumer against the real (embedded) Kafka broker. */
class HeartbeatConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final EmbeddedStack stack = EmbeddedStack.shared();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final HeartbeatBook book = new HeartbeatBook();
    private KafkaProducer<String, String> producer;
    private HeartbeatConsumer consumer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()),
                new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void close() {
        if (consumer != null) {
            consumer.stop();
        }
        producer.close(Duration.ofSeconds(5));
    }

    private void startConsumer() {
        consumer = new HeartbeatConsumer(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "ignored"), json, book, clock, TOKENS);
        consumer.start();
    }

    /** Stands in for token verification: "Bearer ok:<workerId>" is the one valid header for a worker. */
    private static final HeartbeatAuthenticator TOKENS = (workerId, authorization) ->
            ("Bearer ok:" + workerId).equals(authorization) ? Optional.empty() : Optional.of("bad token");

    private void publish(String workerId, String value) throws Exception {
        publish(workerId, value, "Bearer ok:" + workerId);
    }

    private void publish(String workerId, String value, String authorization) throws Exception {
        // One partition for all: records of different workers then arrive in the order they were sent.
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.WORKER_LIVENESS, 0, workerId, value);
        if (authorization != null) {
            record.headers().add(HeartbeatAuthenticator.HEADER, authorization.getBytes(StandardCharsets.UTF_8));
        }
        producer.send(record).get();
    }

    private String beat(String workerId, int busy, Instant sentAt) throws Exception {
        return json.writeValueAsString(new Heartbeat(workerId, "name", 4, busy, sentAt));
    }

    @Test
    void beats_written_before_the_start_are_read_from_the_beginning_and_the_latest_one_wins() throws Exception {
        // given two beats of a worker already on the topic
        String workerId = UUID.randomUUID().toString();
        Instant sent = Instant.parse("2029-12-31T23:59:58Z");
        publish(workerId, beat(workerId, 1, sent));
        publish(workerId, beat(workerId, 3, sent.plusSeconds(1)));

        // when the consumer starts
        startConsumer();

        // then it knows the latest beat, stamped with the agent's send time
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(book.last(workerId)).get().satisfies(last -> {
            assertThat(last.heartbeat().busySlots()).isEqualTo(3);
            assertThat(last.at()).isEqualTo(sent.plusSeconds(1));
        }));
    }

    @Test
    void live_beats_arrive_an_unreadable_one_is_skipped_and_a_tombstone_forgets_the_worker() throws Exception {
        startConsumer();
        String workerId = UUID.randomUUID().toString();

        publish(workerId, "{not json");
        publish(workerId, beat(workerId, 2, clock.instant().minusSeconds(1)));
        await().atMost(PATIENCE).until(() -> book.last(workerId).isPresent());
        assertThat(book.last(workerId).get().heartbeat().busySlots()).isEqualTo(2);

        publish(workerId, null);
        await().atMost(PATIENCE).until(() -> book.last(workerId).isEmpty());
    }

    @Test
    void a_beat_stamped_in_the_future_counts_as_sent_when_it_was_received() throws Exception {
        startConsumer();
        String workerId = UUID.randomUUID().toString();

        publish(workerId, beat(workerId, 0, clock.instant().plusSeconds(60)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(book.last(workerId)).get()
                .extracting(LastBeat::at).isEqualTo(clock.instant()));
    }

    @Test
    void beats_without_a_valid_token_for_their_worker_are_ignored() throws Exception {
        startConsumer();
        String workerId = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();

        // given an authenticated beat
        publish(workerId, beat(workerId, 4, clock.instant()));
        // when later beats arrive without a token, with a bad one, and with another worker's, and a tombstone
        // without a token
        publish(workerId, beat(workerId, 1, clock.instant()), null);
        publish(workerId, beat(workerId, 2, clock.instant()), "Bearer forged");
        publish(workerId, beat(workerId, 3, clock.instant()), "Bearer ok:" + other);
        publish(workerId, null, null);
        // followed by a beat of another worker, to know the consumer got this far (same partition, so in order)
        publish(other, beat(other, 0, clock.instant()));

        // then the authenticated beat is still the latest: the others were ignored, the tombstone erased nothing
        await().atMost(PATIENCE).until(() -> book.last(other).isPresent());
        assertThat(book.last(workerId)).get().extracting(last -> last.heartbeat().busySlots()).isEqualTo(4);
    }
}
