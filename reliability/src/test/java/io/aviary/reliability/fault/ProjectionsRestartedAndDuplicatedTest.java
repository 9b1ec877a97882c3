package io.aviary.reliability.fault;

import io.aviary.events.Topics;
import io.aviary.reliability.EventStore;
import io.aviary.reliability.EventTopic;
import io.aviary.reliability.EventTopic.TopicRecord;
import io.aviary.reliability.Figures;
import io.aviary.reliability.ReadModels;
import io.aviary.reliability.ReadModels.Snapshot;
import io.aviary.reliability.ReliabilityPlatform;
import io.aviary.reliability.Soak;
import io.aviary.standalone.ChildApp;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault 3 of issue 7: the projections app is stopped and killed mid-stream and started again, and a second
 * projections process reads every event three times; both end identical, collection by collection and document by
 * document, to a third projections process that read the topic once, cleanly, into a fresh database.
 * <p>
 * The triple delivery is a topic of its own ({@code aviary.events.tripled-<id>}, same partition count, every record
 * copied to the partition it was in): each record twice in a row (an immediate redelivery), then the whole log once
 * more from the start (a late redelivery of old events after newer ones, as a consumer group reset would do). The
 * two extra processes are the projections jar with another topic ({@code AVIARY_PROJECTIONS_TOPIC}), database
 * ({@code AVIARY_MONGO_DATABASE}) and consumer group ({@code SPRING_KAFKA_CONSUMER_GROUP_ID}); the live platform
 * is not touched by them.
 */
@Order(3)
class ProjectionsRestartedAndDuplicatedTest {

    @Test
    void readModelsEndIdenticalToACleanPassAfterRestartsAndTripleDelivery() {
        ReliabilityPlatform platform = ReliabilityPlatform.get();
        EventStore store = EventStore.of(platform);
        EventTopic topic = new EventTopic(platform.stack().kafkaBootstrap());
        ChildApp projections = platform.projections();
        int rounds = Soak.pick(1, 3);

        // given a steady load
        List<String> tasks;
        try (Load load = Load.start(platform, "projections", Duration.ofMillis(200), Map.of(), System.nanoTime())) {
            for (int i = 0; i < rounds; i++) {
                awaitMoreTasks(load, 15);
                // when the projections app is stopped mid-stream and started again
                platform.stop(projections);
                awaitMoreTasks(load, 10);
                platform.restart(projections);
                awaitMoreTasks(load, 15);
                // and killed mid-stream (a batch may be half written to MongoDB, its offsets not committed)
                projections.kill();
                awaitMoreTasks(load, 10);
                platform.restart(projections);
            }
            awaitMoreTasks(load, 15);
            load.stopProducing();
            await("every call of the load answered").atMost(Duration.ofSeconds(60)).until(load::allAnswered);
            tasks = load.accepted();
        }
        await("every task final").atMost(Duration.ofSeconds(Soak.pick(180, 400))).pollInterval(Duration.ofSeconds(1))
                .until(() -> TaskAudit.allFinal(store, tasks));
        await("every stored event on the topic").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .until(() -> Publication.missingFromTopic(store.all(), topic.readAll(Topics.EVENTS)).isEmpty());
        long storedEvents = store.count();
        await("the live projections caught up").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> topic.lag("aviary-projections", Topics.EVENTS) == 0);

        // and every record is delivered three times to a second projections process
        String run = UUID.randomUUID().toString().substring(0, 8);
        String tripledTopic = Topics.EVENTS + ".tripled-" + run;
        List<TopicRecord> log = topic.readAll(Topics.EVENTS);
        topic.createTopic(tripledTopic, topic.partitionCount(Topics.EVENTS));
        List<TopicRecord> tripled = new ArrayList<>(log.size() * 3);
        for (TopicRecord record : log) {
            tripled.add(record);
            tripled.add(record);
        }
        tripled.addAll(log);
        topic.write(tripledTopic, tripled);

        // and a third one reads the topic once into a fresh database
        String cleanDb = "reliability_clean_" + run;
        String tripledDb = "reliability_tripled_" + run;
        ChildApp clean = extraProjections(platform, "projections-clean", Topics.EVENTS, cleanDb, "clean-" + run);
        ChildApp triple = extraProjections(platform, "projections-tripled", tripledTopic, tripledDb, "tripled-" + run);
        clean.start();
        triple.start();
        try (ReadModels readModels = new ReadModels(platform.stack().mongoUri())) {
            platform.awaitReady(clean);
            platform.awaitReady(triple);
            await("the clean pass caught up").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> topic.lag("clean-" + run, Topics.EVENTS) == 0);
            await("the triple delivery caught up").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> topic.lag("tripled-" + run, tripledTopic) == 0);
            platform.stop(clean);
            platform.stop(triple);

            // then all three databases hold the same read models, document by document
            Snapshot live = readModels.snapshot(ReadModels.LIVE_DATABASE);
            Snapshot once = readModels.snapshot(cleanDb);
            Snapshot thrice = readModels.snapshot(tripledDb);
            assertThat(once.documents()).as("documents of the clean pass").isGreaterThan(tasks.size());
            assertThat(live.differencesFrom(once)).as("live (restarted) vs clean pass").isEmpty();
            assertThat(thrice.differencesFrom(once)).as("delivered three times vs clean pass").isEmpty();

            Figures.of("3 projections restarted and duplicated")
                    .put("projections stops", rounds)
                    .put("projections kills", rounds)
                    .put("tasks", tasks.size())
                    .put("events", storedEvents)
                    .put("records on the topic", log.size())
                    .put("records delivered to the tripled process", tripled.size())
                    .put("collections compared", once.collections().size())
                    .put("documents compared (per database)", once.documents())
                    .put("differences live vs clean", 0)
                    .put("differences tripled vs clean", 0)
                    .report();
            readModels.drop(cleanDb);
            readModels.drop(tripledDb);
        } finally {
            clean.stop(Duration.ofSeconds(10));
            triple.stop(Duration.ofSeconds(10));
        }
    }

    private static ChildApp extraProjections(ReliabilityPlatform platform, String name, String topic, String database,
                                             String group) {
        return platform.extraProjections(name, Map.of(
                "AVIARY_PROJECTIONS_TOPIC", topic,
                "AVIARY_MONGO_DATABASE", database,
                "SPRING_KAFKA_CONSUMER_GROUP_ID", group));
    }

    private static void awaitMoreTasks(Load load, int more) {
        int now = load.acceptedCount();
        await("more tasks").atMost(Duration.ofSeconds(60)).until(() -> load.acceptedCount() >= now + more);
    }
}
