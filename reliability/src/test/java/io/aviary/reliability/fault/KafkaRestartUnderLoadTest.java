package io.aviary.reliability.fault;

import io.aviary.events.Topics;
import io.aviary.events.task.TaskStatus;
import io.aviary.infra.EmbeddedStack;
import io.aviary.reliability.EventStore;
import io.aviary.reliability.EventStore.StoredEvent;
import io.aviary.reliability.EventTopic;
import io.aviary.reliability.EventTopic.TopicRecord;
import io.aviary.reliability.Figures;
import io.aviary.reliability.ReadModels;
import io.aviary.reliability.ReliabilityPlatform;
import io.aviary.reliability.Soak;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault 2 of issue 7: the Kafka broker stops and starts again while tasks are submitted and run. Every event of the
 * event store ends up on {@code aviary.events} (compared by event id: {@code eventIdentifier} against the
 * {@code ce_id} header), nothing is on the topic that is not in the store, and the read models converge: every
 * task's status in MongoDB is the one its events say. Records repeated at the transport level are counted; the
 * projections drop them (the convergence here, and fault 3's triple delivery, show it).
 */
@Order(2)
class KafkaRestartUnderLoadTest {

    @Test
    void everyStoredEventReachesTheTopicAndTheReadModelsConvergeAfterABrokerRestart() {
        ReliabilityPlatform platform = ReliabilityPlatform.get();
        EmbeddedStack stack = platform.stack();
        EventStore store = EventStore.of(platform);
        int restarts = Soak.pick(1, 4);
        int tasksDuringOutage = Soak.pick(20, 60);
        long outageMillis = 0;

        // given a steady load: a task every 200 ms
        List<String> tasks;
        try (Load load = Load.start(platform, "kafka-restart", Duration.ofMillis(200), Map.of(), System.nanoTime())) {
            for (int i = 0; i < restarts; i++) {
                int before = load.acceptedCount();
                await("load before the outage").atMost(Duration.ofSeconds(60))
                        .until(() -> load.acceptedCount() >= before + 15);

                // when the broker stops while tasks keep coming (commands do not need Kafka), then starts again
                long stopAt = System.nanoTime();
                stack.stopKafka();
                int during = load.acceptedCount();
                await("tasks accepted while Kafka is down").atMost(Duration.ofSeconds(120))
                        .until(() -> load.acceptedCount() >= during + tasksDuringOutage);
                stack.startKafka();
                outageMillis += (System.nanoTime() - stopAt) / 1_000_000;
            }
            int after = load.acceptedCount();
            await("load after the restart").atMost(Duration.ofSeconds(60))
                    .until(() -> load.acceptedCount() >= after + 20);
            load.stopProducing();
            await("every call of the load answered").atMost(Duration.ofSeconds(60)).until(load::allAnswered);
            tasks = load.accepted();
        }

        // then every task is final
        await("every task final").atMost(Duration.ofSeconds(Soak.pick(180, 400))).pollInterval(Duration.ofSeconds(1))
                .until(() -> TaskAudit.allFinal(store, tasks));
        TaskAudit audit = TaskAudit.of(store, tasks);
        assertThat(audit.lost()).isEmpty();
        assertThat(audit.statusCounts()).containsOnlyKeys(TaskStatus.COMPLETED);
        assertThat(audit.completedTwice()).isEmpty();

        // and every stored event is on the topic, and nothing else is
        EventTopic topic = new EventTopic(stack.kafkaBootstrap());
        await("every stored event on the topic").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .until(() -> Publication.missingFromTopic(store.all(), topic.readAll(Topics.EVENTS)).isEmpty());
        List<StoredEvent> stored = store.all();
        List<TopicRecord> records = topic.readAll(Topics.EVENTS);
        Set<String> storedIds = Publication.publishedIds(stored);
        Map<String, Long> recordsPerId = records.stream()
                .collect(Collectors.groupingBy(r -> String.valueOf(r.ceId()), Collectors.counting()));
        assertThat(Publication.missingFromTopic(stored, records)).as("stored events not on the topic").isEmpty();
        assertThat(new HashSet<>(recordsPerId.keySet())).as("event ids on the topic").isEqualTo(storedIds);
        long duplicateRecords = recordsPerId.values().stream().mapToLong(n -> n - 1).sum();

        // and the read models converge: every task's status is the one its events say
        List<String> allTasks = stored.stream().filter(e -> e.payloadType().startsWith("io.aviary.events.task."))
                .map(StoredEvent::aggregateId).distinct().toList();
        List<String> diverging = new ArrayList<>();
        try (ReadModels readModels = new ReadModels(stack.mongoUri())) {
            await("read models converge").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        diverging.clear();
                        diverging.addAll(divergingTasks(store, readModels, allTasks));
                        return diverging.isEmpty();
                    });
        }

        Figures.of("2 Kafka broker restart under load")
                .put("broker restarts", restarts)
                .put("outage ms (total)", outageMillis)
                .put("tasks", tasks.size())
                .put("events in the store", stored.size())
                .put("records on the topic", records.size())
                .put("distinct event ids on the topic", recordsPerId.size())
                .put("missing from the topic", 0)
                .put("duplicate records (dropped by consumers)", duplicateRecords)
                .put("tasks compared with the read model", allTasks.size())
                .put("diverging", diverging.size())
                .put("requeued", audit.count("TaskRequeued"))
                .put("completed twice", audit.completedTwice().size())
                .report();
    }

    private static List<String> divergingTasks(EventStore store, ReadModels readModels, List<String> taskIds) {
        Map<String, String> shown = readModels.taskStatuses(taskIds);
        Map<String, String> expected = new HashMap<>();
        store.byAggregate(taskIds).forEach((id, history) -> expected.put(id, String.valueOf(EventStore.statusOf(history))));
        return taskIds.stream().filter(id -> !expected.get(id).equals(shown.get(id)))
                .map(id -> id + ": store " + expected.get(id) + ", read model " + shown.get(id)).toList();
    }
}
