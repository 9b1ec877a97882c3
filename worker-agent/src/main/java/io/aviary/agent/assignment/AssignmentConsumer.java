package io.aviary.agent.assignment;

import io.aviary.events.Topics;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The agent's Kafka consumer of {@link Topics#EVENTS}: group {@code aviary-agent-<name>}, no auto-commit. Values stay
 * bytes until {@link AssignmentIntake} decides a record is worth parsing.
 *
 * <p>Not thread-safe (like the {@link KafkaConsumer} inside): every method but {@link #wakeup()} runs on the agent's
 * thread.
 */
public final class AssignmentConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AssignmentConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String bootstrap;
    private final String groupId;
    private volatile boolean stopped;
    private volatile Instant lastPoll;

    public AssignmentConsumer(String bootstrap, String agentName) {
        this.bootstrap = bootstrap;
        this.groupId = "aviary-agent-" + agentName;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                // Static membership: a restarted agent takes its partitions over at once. As a dynamic member, a
                // restart after a crash (kill -9, OOM) waited for the dead member's session to expire (45 s) before
                // it saw an assignment, while its heartbeats said it was up and work piled up for it.
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupId,
                ConsumerConfig.CLIENT_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Only for partitions without a committed offset after the first start (added later): all new.
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The consumer group, {@code aviary-agent-<name>}. */
    public String groupId() {
        return groupId;
    }

    /**
     * Fixes where consumption starts, then subscribes. On the very first start of this agent name (no committed offset
     * in any partition) it commits the current end of every partition: the agent does not replay assignments made to
     * an earlier incarnation of its name, and, because the end is fixed and committed before the agent registers,
     * nothing assigned after the registration can be skipped (a lazy {@code auto.offset.reset=latest} would resolve
     * the end only at the first fetch, after the registration, and could skip such an assignment).
     *
     * @throws InterruptedException when the agent stops while Kafka or the topic is not there yet
     */
    public void prepare() throws InterruptedException {
        Set<TopicPartition> partitions = awaitPartitions();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions, METADATA_TIMEOUT);
        boolean firstStart = partitions.stream().allMatch(partition -> committed.get(partition) == null);
        if (firstStart) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
            consumer.commitSync(ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    end -> new OffsetAndMetadata(end.getValue(), "first start: from the end"))), METADATA_TIMEOUT);
            log.info("First start of consumer group {}: reading {} from the current end {}", groupId, Topics.EVENTS,
                    ends.values());
        } else {
            log.info("Consumer group {} resumes {} from its committed offsets", groupId, Topics.EVENTS);
        }
        consumer.subscribe(List.of(Topics.EVENTS));
    }

    /**
     * Polls until {@link #wakeup()}: each non-empty batch goes to the intake, and its offsets are committed only once
     * the intake returned (see {@link AssignmentIntake} for why that is enough).
     */
    public void run(AssignmentIntake intake) {
        try {
            while (!stopped) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                lastPoll = Instant.now();
                if (records.isEmpty()) {
                    continue;
                }
                intake.accept(records);
                commit();
            }
        } catch (WakeupException e) {
            if (!stopped) {
                throw e;
            }
        }
    }

    /** When the loop last returned from a poll, or {@code null}. */
    public Instant lastPoll() {
        return lastPoll;
    }

    /** Ends {@link #run} (or a blocking call in {@link #prepare()}); safe from any thread. */
    public void wakeup() {
        stopped = true;
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    private void commit() {
        try {
            consumer.commitSync();
        } catch (CommitFailedException | TimeoutException e) {
            // The batch is safe in the log; a redelivery is skipped there, and the next commit covers these offsets.
            log.warn("Offset commit failed ({}); the batch may be redelivered and will be skipped", e.toString());
        }
    }

    private Set<TopicPartition> awaitPartitions() throws InterruptedException {
        int tries = 0;
        while (true) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(Topics.EVENTS, METADATA_TIMEOUT);
            } catch (TimeoutException e) {
                infos = List.of();
            }
            if (!infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition()))
                        .collect(Collectors.toSet());
            }
            if (tries++ % 10 == 0) {
                log.info("Waiting for Kafka at {} and topic {}", bootstrap, Topics.EVENTS);
            }
            // partitionsFor answers at once while the topic does not exist yet: pause before asking again.
            Thread.sleep(1000);
        }
    }
}
