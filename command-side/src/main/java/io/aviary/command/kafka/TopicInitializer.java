package io.aviary.command.kafka;

import io.aviary.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the platform's topics if they are absent and waits until every partition has a leader. It runs while the
 * Spring context is being built, so before Axon starts the processor that publishes to Kafka: an idempotent producer
 * writing to a topic created a moment earlier can loop on {@code OUT_OF_ORDER_SEQUENCE_NUMBER} (DESIGN §3).
 */
public class TopicInitializer implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);
    /** Between two looks at a topic that is not served yet; leader election takes a few hundred ms. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final Admin admin;
    private final AviaryKafkaProperties properties;

    public TopicInitializer(Admin admin, AviaryKafkaProperties properties) {
        this.admin = admin;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException {
        if (!properties.createTopics()) {
            LOG.info("aviary.kafka.create-topics=false: topics {} and {} are expected to exist", Topics.EVENTS,
                    Topics.WORKER_LIVENESS);
            return;
        }
        long deadline = System.nanoTime() + properties.topicsReadyTimeout().toNanos();
        List<NewTopic> topics = topics();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                createAbsent(topics, remainingMillis(deadline));
                if (allPartitionsServed(topics, remainingMillis(deadline))) {
                    LOG.info("Kafka topics {} ready", topics.stream().map(NewTopic::name).toList());
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                last = new IllegalStateException("Kafka topics not ready: " + rootMessage(e), e);
                LOG.debug("Kafka topics not ready yet", e);
            }
            // Waiting is the point here: start-up must not go on before the topics are served.
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        throw last != null ? last : new IllegalStateException("Kafka topics " + topics.stream().map(NewTopic::name)
                .toList() + " have partitions without a leader after " + properties.topicsReadyTimeout());
    }

    private List<NewTopic> topics() {
        Optional<Integer> partitions = Optional.of(properties.partitions());
        Optional<Short> replication = Optional.ofNullable(properties.replicationFactor());
        return List.of(
                // The replay source of every consumer: kept forever.
                new NewTopic(Topics.EVENTS, partitions, replication)
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                // Only the latest heartbeat per worker matters.
                new NewTopic(Topics.WORKER_LIVENESS, partitions, replication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    private void createAbsent(List<NewTopic> topics, int timeoutMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        var results = admin.createTopics(topics, new CreateTopicsOptions().timeoutMs(timeoutMs)).values();
        for (var entry : results.entrySet()) {
            try {
                entry.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                LOG.info("Created Kafka topic {}", entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** Every partition has a leader, and the leader answers (a list-offsets request), so producing can start. */
    private boolean allPartitionsServed(List<NewTopic> topics, int timeoutMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> descriptions = admin.describeTopics(
                        topics.stream().map(NewTopic::name).toList(), new DescribeTopicsOptions().timeoutMs(timeoutMs))
                .allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (TopicDescription topic : descriptions.values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    return false;
                }
                partitions.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest());
            }
        }
        admin.listOffsets(partitions, new ListOffsetsOptions().timeoutMs(timeoutMs)).all()
                .get(timeoutMs, TimeUnit.MILLISECONDS);
        return true;
    }

    private static int remainingMillis(long deadline) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
