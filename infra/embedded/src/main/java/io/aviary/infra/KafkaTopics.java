package io.aviary.infra;

import io.aviary.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the platform's topics if absent and waits until every partition is served. Producing with an idempotent
 * producer to a topic created a moment earlier can loop on {@code OUT_OF_ORDER_SEQUENCE_NUMBER} (seen with 3.9.2),
 * so readiness here means: each partition has a leader that answers a list-offsets request.
 */
final class KafkaTopics {

    static final int LIVENESS_PARTITIONS = 4;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private KafkaTopics() {
    }

    static void ensure(String bootstrap, int eventPartitions) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "aviary-embedded-topics");
        try (Admin admin = Admin.create(config)) {
            List<NewTopic> topics = List.of(
                    new NewTopic(Topics.EVENTS, eventPartitions, (short) 1)
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                    new NewTopic(Topics.WORKER_LIVENESS, LIVENESS_PARTITIONS, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            createIfAbsent(admin, topics);
            awaitServed(admin, topics.stream().map(NewTopic::name).toList());
        }
    }

    private static void createIfAbsent(Admin admin, List<NewTopic> topics) {
        admin.createTopics(topics).values().forEach((name, future) -> {
            try {
                future.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name, e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + name, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("timed out creating topic " + name, e);
            }
        });
    }

    private static void awaitServed(Admin admin, List<String> topics) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (allPartitionsServed(admin, topics)) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + topics, e);
            }
            try {
                // Polling the broker's metadata: there is no notification for "partition leader elected".
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + topics, e);
            }
        }
        throw new IllegalStateException("partitions of " + topics + " have no leader after " + READY_TIMEOUT, last);
    }

    private static boolean allPartitionsServed(Admin admin, List<String> topics)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (TopicDescription description : descriptions.values()) {
            for (var partition : description.partitions()) {
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    return false;
                }
                partitions.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest());
            }
        }
        admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS);
        return true;
    }
}
