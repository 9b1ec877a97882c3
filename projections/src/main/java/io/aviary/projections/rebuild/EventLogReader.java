package io.aviary.projections.rebuild;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A consumer of its own for one rebuild: no consumer group (so nothing it does is committed or interferes with the
 * live group), every partition assigned explicitly and read from its beginning, always up to given end offsets and
 * not one record further.
 */
final class EventLogReader implements AutoCloseable {

    private final KafkaConsumer<String, CloudEvent> consumer;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> beginning;
    private final Duration pollTimeout;

    EventLogReader(Map<String, Object> kafkaProperties, String topic, int batchSize, Duration pollTimeout) {
        Map<String, Object> properties = new HashMap<>(kafkaProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        properties.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        // A broker answers one connection's requests in order: a fetch parked at the end of the log (up to
        // fetch.max.wait.ms, 500 ms by default) would delay the end-offsets request of the catch-up, which runs while
        // the live consumer is paused. While replaying there is always data, so the short wait costs nothing.
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        this.pollTimeout = pollTimeout;
        // An unreadable record arrives as a null value (the decoder logs and skips it), as in the live consumer.
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new CloudEventDeserializer()));
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("Topic " + topic + " does not exist");
            }
            this.partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            this.beginning = consumer.beginningOffsets(partitions);
        } catch (RuntimeException e) {
            consumer.close(Duration.ofSeconds(1));
            throw e;
        }
    }

    /** The current end offset of every partition (the offset the next record will get). */
    Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(partitions);
    }

    /** Offsets from the beginning to {@code end}, over all partitions. */
    long offsetsUpTo(Map<TopicPartition, Long> end) {
        return partitions.stream().mapToLong(p -> Math.max(0, end.get(p) - beginning.get(p))).sum();
    }

    /** Offsets consumed so far, over all partitions. */
    long consumed() {
        return partitions.stream().mapToLong(p -> Math.max(0, consumer.position(p) - beginning.get(p))).sum();
    }

    /**
     * Hands every record before {@code end} (per partition) to {@code batches}, one poll's worth at a time, and
     * returns when every partition's position has reached its end offset. Records a poll returns beyond an end are
     * not handed on: the partition is rewound to its end offset, so a later call goes on exactly there.
     */
    void readUntil(Map<TopicPartition, Long> end, Consumer<List<ConsumerRecord<String, CloudEvent>>> batches) {
        Set<TopicPartition> open = new HashSet<>();
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < end.get(partition)) {
                open.add(partition);
            }
        }
        consumer.resume(partitions);
        consumer.pause(partitions.stream().filter(p -> !open.contains(p)).toList());
        while (!open.isEmpty()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("rebuild interrupted");
            }
            ConsumerRecords<String, CloudEvent> records = consumer.poll(pollTimeout);
            List<ConsumerRecord<String, CloudEvent>> batch = new ArrayList<>(records.count());
            for (TopicPartition partition : records.partitions()) {
                long stop = end.get(partition);
                for (ConsumerRecord<String, CloudEvent> record : records.records(partition)) {
                    if (record.offset() >= stop) {
                        consumer.seek(partition, stop);
                        break;
                    }
                    batch.add(record);
                }
            }
            if (!batch.isEmpty()) {
                batches.accept(batch);
            }
            for (TopicPartition partition : List.copyOf(open)) {
                if (consumer.position(partition) >= end.get(partition)) {
                    open.remove(partition);
                    consumer.pause(List.of(partition));
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
