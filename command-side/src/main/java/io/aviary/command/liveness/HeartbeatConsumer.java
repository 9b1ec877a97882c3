package io.aviary.command.liveness;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.command.security.SecurityLog;
import io.aviary.events.Topics;
import io.aviary.events.liveness.Heartbeat;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the compacted topic {@value Topics#WORKER_LIVENESS} into the {@link HeartbeatBook}, on a thread of its own
 * ("aviary-heartbeats"), from the beginning on every start: after compaction that is the last beat of each worker.
 * <p>
 * Every replica needs every beat, so the consumer has no group: it assigns itself all partitions of the topic (as
 * they are when it starts; the topic is created up front with its final partition count) and commits no offsets.
 * <p>
 * Every record, tombstones included, must carry its agent's access token ({@link HeartbeatAuthenticator}); others
 * are ignored and logged as security events. Records written before this start are history being replayed: their
 * tokens have often expired since, so refusing those is expected and only logged at debug level.
 */
public class HeartbeatConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    /** A worker beating without a valid token would log every beat: one line per worker per minute is enough. */
    private static final long REFUSAL_LOG_INTERVAL_MS = Duration.ofMinutes(1).toMillis();

    private final Map<String, Object> consumerConfig;
    private final ObjectMapper json;
    private final HeartbeatBook book;
    private final Clock clock;
    private final HeartbeatAuthenticator authenticator;
    /** Where each consumer's {@code kafka_consumer_*} meters go while it is open; {@code null}: nowhere. */
    private final MeterRegistry meters;
    private volatile long startedAtMillis;
    /** Per worker, when its last refused beat was logged (only the consumer thread touches it). */
    private final Map<String, Long> refusalsLoggedAt = new HashMap<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * @param kafkaConfig   connection settings (bootstrap servers, security); group and offset settings are replaced
     * @param json          reads {@link Heartbeat} values
     * @param book          where the beats go
     * @param clock         stamps when each beat was received
     * @param authenticator decides whether a record may speak for its worker
     */
    public HeartbeatConsumer(Map<String, Object> kafkaConfig, ObjectMapper json, HeartbeatBook book, Clock clock,
                             HeartbeatAuthenticator authenticator) {
        this(kafkaConfig, json, book, clock, authenticator, null);
    }

    /** @param meters receives the Kafka client meters of the consumer, or {@code null} */
    public HeartbeatConsumer(Map<String, Object> kafkaConfig, ObjectMapper json, HeartbeatBook book, Clock clock,
                             HeartbeatAuthenticator authenticator, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Asking for a missing topic must not create it: it would not be compacted.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "aviary-liveness-" + UUID.randomUUID());
        this.consumerConfig = config;
        this.json = json;
        this.book = book;
        this.clock = clock;
        this.authenticator = authenticator;
        this.meters = meters;
    }

    @Override
    public synchronized void start() {
        running = true;
        startedAtMillis = System.currentTimeMillis();
        thread = new Thread(this::run, "aviary-heartbeats");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup(); // the one thread-safe consumer method: ends a blocking poll
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> opened =
                         new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
                 KafkaClientMetrics metrics = bindMetrics(opened)) {
                consumer = opened;
                List<TopicPartition> partitions = awaitPartitions(opened);
                opened.assign(partitions);
                opened.seekToBeginning(partitions);
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : opened.poll(POLL_TIMEOUT)) {
                        accept(record);
                    }
                }
            } catch (WakeupException e) {
                // stop() was called
            } catch (RuntimeException e) {
                log.warn("Reading {} failed; reconnecting", Topics.WORKER_LIVENESS, e);
                pause();
            } finally {
                consumer = null;
            }
        }
    }

    /** Binds the consumer's meters (removed again when it closes); {@code null} without a registry. */
    private KafkaClientMetrics bindMetrics(KafkaConsumer<String, byte[]> opened) {
        if (meters == null) {
            return null;
        }
        KafkaClientMetrics metrics = new KafkaClientMetrics(opened);
        metrics.bindTo(meters);
        return metrics;
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> opened) {
        while (running) {
            List<PartitionInfo> infos = opened.partitionsFor(Topics.WORKER_LIVENESS);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            log.info("Topic {} does not exist yet; waiting for it", Topics.WORKER_LIVENESS);
            pause();
        }
        throw new WakeupException();
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || !authenticated(record)) {
            return;
        }
        if (record.value() == null) {
            book.forget(record.key());
            return;
        }
        try {
            book.record(record.key(), json.readValue(record.value(), Heartbeat.class), clock.instant());
        } catch (IOException e) {
            log.warn("Skipping unreadable heartbeat of worker {} at offset {}: {}", record.key(), record.offset(),
                    e.getMessage());
        }
    }

    private boolean authenticated(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(HeartbeatAuthenticator.HEADER);
        String authorization = header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
        Optional<String> refusal = authenticator.refusal(record.key(), authorization);
        if (refusal.isEmpty()) {
            return true;
        }
        if (record.timestamp() < startedAtMillis) {
            log.debug("Ignoring a replayed heartbeat of worker {} at offset {}: {}", record.key(), record.offset(),
                    refusal.get());
        } else if (shouldLogRefusal(record.key())) {
            SecurityLog.refused("Heartbeat of worker {} ignored (offset {}): {} (logged at most once a minute per "
                    + "worker)", record.key(), record.offset(), refusal.get());
        }
        return false;
    }

    private boolean shouldLogRefusal(String workerId) {
        long now = System.currentTimeMillis();
        Long last = refusalsLoggedAt.get(workerId);
        if (last != null && now - last < REFUSAL_LOG_INTERVAL_MS) {
            return false;
        }
        if (refusalsLoggedAt.size() > 10_000) {
            refusalsLoggedAt.clear(); // bounded: a flood of made-up keys must not grow it without end
        }
        refusalsLoggedAt.put(workerId, now);
        return true;
    }

    private void pause() {
        try {
            // Waiting for the broker or the topic to appear; nothing to do until then and no event to wait on.
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
