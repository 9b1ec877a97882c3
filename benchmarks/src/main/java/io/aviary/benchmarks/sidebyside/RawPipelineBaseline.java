package io.aviary.benchmarks.sidebyside;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.aviary.benchmarks.rig.KafkaOffsets;
import io.aviary.benchmarks.rig.ReadModels;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The raw Kafka + Mongo baseline of scenario 7, no framework: the very records Aviary's batch put on
 * {@code aviary.events} (same count, keys, headers and values) are produced again to a fresh topic on the same broker
 * ({@code acks=all}, idempotent, like Aviary's publisher), while one consumer reads them in polls of up to 500 (as the
 * projections do) and upserts one document per aggregate into the same Mongo server with one unordered
 * {@code bulkWrite} per poll ({@code $set} of type, sequence, time and the parsed JSON data). Timed from the first
 * send to the last acknowledged write.
 */
final class RawPipelineBaseline {

    private final String bootstrap;
    private final KafkaOffsets kafka;
    private final ReadModels readModels;
    private final int partitions;

    RawPipelineBaseline(String bootstrap, KafkaOffsets kafka, ReadModels readModels, int partitions) {
        this.bootstrap = bootstrap;
        this.kafka = kafka;
        this.readModels = readModels;
        this.partitions = partitions;
    }

    record Result(long events, double seconds, double eventsPerSecond, double averageValueBytes) {
    }

    /** Reads the records in {@code [from, to)} of {@code aviary.events}. */
    List<ConsumerRecord<byte[], byte[]>> copy(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> wanted = to.keySet().stream()
                    .filter(p -> to.get(p) > from.getOrDefault(p, 0L)).toList();
            consumer.assign(wanted);
            wanted.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
            long expected = wanted.stream().mapToLong(p -> to.get(p) - from.getOrDefault(p, 0L)).sum();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (records.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < to.get(partition)) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    Result run(List<ConsumerRecord<byte[], byte[]>> records) {
        String run = UUID.randomUUID().toString();
        String topic = "aviary-benchmark-baseline-" + run;
        createTopic(topic);
        // A fresh collection per run (dropped afterwards), in a database of its own next to the read models.
        MongoCollection<Document> target = readModels.database("aviary_benchmark").getCollection("baseline_"
                + run.replace("-", ""));
        long valueBytes = records.stream().mapToLong(r -> r.value() == null ? 0 : r.value().length).sum();
        CompletableFuture<Long> consumed;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer();
             KafkaProducer<byte[], byte[]> producer = producer()) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            assigned.forEach(consumer::position);
            long start = System.nanoTime();
            consumed = CompletableFuture.supplyAsync(() -> consumeAndUpsert(consumer, target, records.size()),
                    runnable -> new Thread(runnable, "bench-baseline-consumer").start());
            for (ConsumerRecord<byte[], byte[]> record : records) {
                ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(topic, null, record.key(), record.value());
                for (Header header : record.headers()) {
                    copy.headers().add(header.key(), header.value());
                }
                producer.send(copy);
            }
            producer.flush();
            long done = consumed.join();
            double seconds = (done - start) / 1e9;
            target.drop();
            kafka.admin().deleteTopics(List.of(topic));
            return new Result(records.size(), seconds, records.size() / seconds,
                    records.isEmpty() ? 0 : valueBytes / (double) records.size());
        }
    }

    /** Upserts until {@code expected} records are written; returns System.nanoTime of the last acknowledged write. */
    private static long consumeAndUpsert(KafkaConsumer<byte[], byte[]> consumer, MongoCollection<Document> target,
                                         int expected) {
        int written = 0;
        long last = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        BulkWriteOptions unordered = new BulkWriteOptions().ordered(false);
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        while (written < expected && System.nanoTime() < deadline) {
            var batch = consumer.poll(Duration.ofMillis(100));
            if (batch.isEmpty()) {
                continue;
            }
            List<WriteModel<Document>> writes = new ArrayList<>(batch.count());
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                String key = new String(record.key(), StandardCharsets.UTF_8);
                writes.add(new UpdateOneModel<>(Filters.eq("_id", key), Updates.combine(
                        Updates.set("type", header(record, "ce_type")),
                        Updates.set("seq", Long.parseLong(header(record, "ce_aviaryseq"))),
                        Updates.set("time", header(record, "ce_time")),
                        Updates.set("data", Document.parse(new String(record.value(), StandardCharsets.UTF_8)))),
                        upsert));
            }
            target.bulkWrite(writes, unordered);
            written += batch.count();
            last = System.nanoTime();
        }
        return last;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "0" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void createTopic(String topic) {
        try {
            kafka.admin().createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
            // DESIGN §3: an idempotent producer on a topic created a moment earlier can loop on
            // OUT_OF_ORDER_SEQUENCE_NUMBER; wait until every partition has a leader.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                var description = kafka.admin().describeTopics(List.of(topic)).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get(topic);
                if (description.partitions().size() == partitions
                        && description.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            throw new IllegalStateException("partitions of " + topic + " have no leader after 30 s");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot create topic " + topic, e);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "aviary-benchmark-baseline",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "aviary-benchmark-baseline",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

}
