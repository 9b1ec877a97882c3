package io.aviary.query.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.events.AviaryEvent;
import io.aviary.events.CloudEventAttributes;
import io.aviary.events.EventCatalog;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads {@code aviary.events} for the live stream with a consumer of its own: no group (so nothing is committed and
 * every replica of the query side sees every event), every partition assigned, positioned at the end: the stream
 * is about what happens from now on; the read models hold the past. It starts with the first stream client, so a
 * query side nobody watches costs Kafka nothing.
 */
@Component
class EventFeed implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EventFeed.class);
    private static final String TYPE_HEADER = CloudEventAttributes.KAFKA_HEADER_PREFIX + "type";
    private static final String TIME_HEADER = CloudEventAttributes.KAFKA_HEADER_PREFIX + "time";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    /** How long to wait before looking for a topic that does not exist yet (the command side creates it). */
    private static final Duration TOPIC_RETRY = Duration.ofSeconds(5);

    private final DashboardProperties.Stream properties;
    private final StreamHub hub;
    private final ObjectMapper json;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    EventFeed(DashboardProperties properties, StreamHub hub, ObjectMapper json) {
        this.properties = properties.stream();
        this.hub = hub;
        this.json = json;
    }

    /** Starts reading, once; later calls do nothing. */
    void ensureStarted() {
        if (started.compareAndSet(false, true)) {
            thread = new Thread(this::run, "aviary-dashboard-feed");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(config())) {
            consumer = kafka;
            while (running) {
                try {
                    if (kafka.assignment().isEmpty()) {
                        position(kafka);
                    } else {
                        kafka.poll(POLL).forEach(this::handle);
                    }
                } catch (WakeupException e) {
                    // destroy(): the loop condition ends it
                } catch (KafkaException e) {
                    // broker away: the client reconnects by itself; metadata calls time out and are tried again
                    log.warn("Dashboard feed: {}", e.toString());
                }
            }
        } catch (RuntimeException e) {
            log.error("Dashboard feed stopped; live updates are off until restart", e);
        }
    }

    /** Every partition of the topic, at its end; then the stream is live. */
    private void position(KafkaConsumer<String, byte[]> kafka) {
        List<PartitionInfo> partitions = kafka.partitionsFor(properties.topic(), METADATA_TIMEOUT);
        if (partitions == null || partitions.isEmpty()) {
            log.info("Dashboard feed: topic {} not there yet; looking again in {} s", properties.topic(),
                    TOPIC_RETRY.toSeconds());
            awaitStop(TOPIC_RETRY);
            return;
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(partition -> new TopicPartition(partition.topic(), partition.partition()))
                .toList();
        kafka.assign(assigned);
        kafka.seekToEnd(assigned);
        // seekToEnd is lazy: resolving the positions now makes "live" true when it is announced
        assigned.forEach(partition -> kafka.position(partition, METADATA_TIMEOUT));
        log.info("Dashboard feed live on {} partitions of {}", assigned.size(), properties.topic());
        hub.live();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        String type = header(record, TYPE_HEADER);
        EventCatalog.EventType eventType = type == null ? null : EventCatalog.byCloudEventType(type).orElse(null);
        if (eventType == null) {
            log.debug("Dashboard feed skips a record of unknown type {} at {}-{}@{}", type, record.topic(),
                    record.partition(), record.offset());
            return;
        }
        try {
            AviaryEvent event = json.readValue(record.value(), eventType.eventClass());
            Notifications.of(event, time(record)).ifPresent(hub::publish);
        } catch (Exception e) {
            log.warn("Dashboard feed skips an unreadable {} at {}-{}@{}: {}", type, record.topic(),
                    record.partition(), record.offset(), e.toString());
        }
    }

    private static Instant time(ConsumerRecord<String, byte[]> record) {
        String time = header(record, TIME_HEADER);
        if (time != null) {
            try {
                return OffsetDateTime.parse(time).toInstant(); // RFC 3339, as the CloudEvents serializer writes
            } catch (DateTimeParseException e) {
                // fall back to the record's timestamp
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private Map<String, Object> config() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "aviary-query-dashboard",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }

    private void awaitStop(Duration timeout) {
        try {
            stopping.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        stopping.countDown();
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        if (thread != null) {
            thread.join(Duration.ofSeconds(5).toMillis());
        }
    }
}
