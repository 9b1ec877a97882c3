package io.aviary.benchmarks.lifecycle;

import io.aviary.benchmarks.rig.ReadModels;
import io.aviary.benchmarks.rig.ReadModels.TaskState;
import io.aviary.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 3: event appended -> visible in MongoDB. A consumer of its own (no group, from the end of every partition)
 * reads the CloudEvent headers of {@code aviary.events}; every {@code sampleEvery}-th task event becomes a sample
 * {@code (task id, aggregate sequence, ce_time)}. A poller asks the {@code tasks} documents of the pending samples
 * by {@code _id} every {@code interval}; once a document's {@code seq} reaches the sample's sequence, the lag is the
 * answer's arrival time minus {@code ce_time} (the event's timestamp, taken when the aggregate applied it). The same
 * samples give the first half of the way: {@code ce_time} -> the record is readable on Kafka.
 */
public final class ProjectionLagSampler implements AutoCloseable {

    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private final ReadModels readModels;
    private final Duration interval;
    private final int sampleEvery;
    private final int maxPending;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, List<long[]>> pending = new HashMap<>();
    private final ConcurrentLinkedQueue<Double> lags = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Double> onKafka = new ConcurrentLinkedQueue<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final Thread reader;
    private final Thread poller;
    private volatile boolean stopped;
    private long taskEvents;

    public ProjectionLagSampler(String bootstrap, ReadModels readModels, Duration interval, int sampleEvery,
                                int maxPending) {
        this.readModels = readModels;
        this.interval = interval;
        this.sampleEvery = sampleEvery;
        this.maxPending = maxPending;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "aviary-benchmark-lag",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Precision: hand out what is there at once rather than waiting for more.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.reader = new Thread(this::readLoop, "bench-lag-reader");
        this.poller = new Thread(this::pollLoop, "bench-lag-poller");
        reader.setDaemon(true);
        poller.setDaemon(true);
        reader.start();
        poller.start();
    }

    /** Lags appended -> visible in MongoDB, ms. */
    public double[] lags() {
        return lags.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Lags appended -> readable on Kafka by a consumer, ms. */
    public double[] onKafka() {
        return onKafka.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Samples not taken because too many were pending (the projection fell far behind). */
    public long dropped() {
        return dropped.get();
    }

    /** Samples not visible within 60 s. */
    public long expired() {
        return expired.get();
    }

    private void readLoop() {
        try {
            while (!stopped) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (!"task".equals(header(record, "ce_aviaryaggregate"))) {
                        continue;
                    }
                    if (taskEvents++ % sampleEvery != 0) {
                        continue;
                    }
                    String time = header(record, "ce_time");
                    String seq = header(record, "ce_aviaryseq");
                    if (time == null || seq == null || record.key() == null) {
                        continue;
                    }
                    long eventMillis = OffsetDateTime.parse(time).toInstant().toEpochMilli();
                    onKafka.add((double) (now - eventMillis));
                    synchronized (pending) {
                        if (pending.size() >= maxPending) {
                            dropped.incrementAndGet();
                            continue;
                        }
                        pending.computeIfAbsent(record.key(), k -> new ArrayList<>())
                                .add(new long[]{Long.parseLong(seq), eventMillis});
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    private void pollLoop() {
        while (!stopped) {
            long began = System.nanoTime();
            List<String> ids;
            synchronized (pending) {
                ids = new ArrayList<>(pending.keySet());
            }
            if (!ids.isEmpty()) {
                try {
                    Map<String, TaskState> states = readModels.taskStates(ids);
                    long now = System.currentTimeMillis();
                    settle(states, now);
                } catch (RuntimeException e) {
                    // try again next round
                }
            }
            long rest = interval.toNanos() - (System.nanoTime() - began);
            if (rest > 0) {
                // The poll interval is the resolution of the measured lag (and the load this observer adds).
                LockSupport.parkNanos(rest);
            }
        }
    }

    private void settle(Map<String, TaskState> states, long now) {
        synchronized (pending) {
            Iterator<Map.Entry<String, List<long[]>>> entries = pending.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<String, List<long[]>> entry = entries.next();
                TaskState state = states.get(entry.getKey());
                Iterator<long[]> samples = entry.getValue().iterator();
                while (samples.hasNext()) {
                    long[] sample = samples.next();
                    if (state != null && state.seq() >= sample[0]) {
                        lags.add((double) (now - sample[1]));
                        samples.remove();
                    } else if (now - sample[1] > GIVE_UP.toMillis()) {
                        expired.incrementAndGet();
                        samples.remove();
                    }
                }
                if (entry.getValue().isEmpty()) {
                    entries.remove();
                }
            }
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        stopped = true;
        consumer.wakeup();
        try {
            reader.join(5000);
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
