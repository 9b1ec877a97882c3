package io.aviary.agent.liveness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.agent.identity.AgentIdentity;
import io.aviary.events.Topics;
import io.aviary.events.liveness.Heartbeat;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Publishes a {@link Heartbeat} every interval to the compacted topic {@link Topics#WORKER_LIVENESS}, key = worker id.
 * Heartbeats are not events: a lost one is replaced by the next, so the producer favours freshness (acks=1, no
 * idempotence, a send that cannot get metadata gives up within one interval) over delivery guarantees. Each record
 * carries the agent's access token in header {@code authorization} ({@code Bearer <jwt>}): the liveness monitor
 * ignores a beat whose token is missing, invalid, or of another worker.
 */
public final class HeartbeatPublisher implements AutoCloseable {

    /** Record header with the access token. */
    public static final String AUTHORIZATION_HEADER = "authorization";
    private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final Producer<String, String> producer;
    private final AgentIdentity identity;
    private final int slots;
    private final IntSupplier busySlots;
    private final Supplier<String> accessToken;
    private final Duration interval;
    private final ObjectMapper json;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private volatile Instant lastAcknowledged;
    private volatile boolean failing;

    /** @param accessToken the agent's current access token (read at every beat, so a renewed one is used) */
    public HeartbeatPublisher(String kafkaBootstrap, AgentIdentity identity, int slots, IntSupplier busySlots,
                              Supplier<String> accessToken, Duration interval, ObjectMapper json, Clock clock) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "aviary-agent-" + identity.name() + "-heartbeat",
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1000L, interval.toMillis()),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new StringSerializer());
        this.identity = identity;
        this.slots = slots;
        this.busySlots = busySlots;
        this.accessToken = accessToken;
        this.interval = interval;
        this.json = json;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "aviary-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts beating: the first heartbeat goes out at once. */
    public void start() {
        scheduler.scheduleAtFixedRate(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** When the broker last acknowledged a heartbeat, or {@code null}. */
    public Instant lastAcknowledged() {
        return lastAcknowledged;
    }

    void beat() {
        Heartbeat heartbeat = new Heartbeat(identity.workerId(), identity.name(), slots, busySlots.getAsInt(),
                clock.instant());
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.WORKER_LIVENESS, identity.workerId(),
                    json.writeValueAsString(heartbeat));
            record.headers().add(AUTHORIZATION_HEADER,
                    ("Bearer " + accessToken.get()).getBytes(StandardCharsets.UTF_8));
            producer.send(record, (metadata, error) -> {
                        if (error == null) {
                            lastAcknowledged = clock.instant();
                            if (failing) {
                                failing = false;
                                log.info("Heartbeats reach Kafka again");
                            }
                        } else {
                            noteFailure(error);
                        }
                    });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            // A failed beat must not cancel the schedule (an exception would); the next one tries again.
            noteFailure(e);
        }
    }

    private void noteFailure(Exception error) {
        if (!failing) {
            failing = true;
            log.warn("Heartbeat not delivered: {}", error.toString());
        }
    }

    /** Stops beating; the liveness monitor notices the silence. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
