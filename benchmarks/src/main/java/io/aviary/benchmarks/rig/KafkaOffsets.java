package io.aviary.benchmarks.rig;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Offsets on the broker: how many records a topic holds, and how far a consumer group has committed. */
public final class KafkaOffsets implements AutoCloseable {

    /** The projections app's consumer group (projections' application.yml). */
    public static final String PROJECTIONS_GROUP = "aviary-projections";

    private final Admin admin;
    private final String bootstrap;

    public KafkaOffsets(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "aviary-benchmark-admin"));
    }

    public String bootstrap() {
        return bootstrap;
    }

    public Admin admin() {
        return admin;
    }

    /** Sum of the end offsets of every partition: records ever written to the topic. */
    public long endOffsets(String topic) {
        return endOffsetsByPartition(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<TopicPartition, Long> endOffsetsByPartition(String topic) {
        try {
            var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions();
            Map<TopicPartition, OffsetSpec> request = partitions.stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer =
                    admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
            return answer.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sum of the group's committed offsets on the topic (0 for partitions without a commit). */
    public long committed(String group, String topic) {
        return committedByPartition(group, topic).values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<TopicPartition, Long> committedByPartition(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of group " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Records of the topic the group has not committed yet. */
    public long lag(String group, String topic) {
        Map<TopicPartition, Long> ends = endOffsetsByPartition(topic);
        Map<TopicPartition, Long> committed = committedByPartition(group, topic);
        return ends.entrySet().stream().mapToLong(e -> e.getValue() - committed.getOrDefault(e.getKey(), 0L)).sum();
    }


    @Override
    public void close() {
        admin.close();
    }
}
