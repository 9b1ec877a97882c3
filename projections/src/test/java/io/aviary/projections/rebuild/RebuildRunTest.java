package io.aviary.projections.rebuild;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.model.Indexes;
import io.aviary.infra.EmbeddedStack;
import io.aviary.projections.account.AuditLog;
import io.aviary.projections.apply.EconomyScenario;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.apply.ReadModel;
import io.aviary.projections.apply.ReadModelProjector;
import io.aviary.projections.apply.ReadModelStore;
import io.aviary.projections.kafka.CloudEventDecoder;
import io.aviary.projections.kafka.EventTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rebuild against a real broker and the Mongo wire server, with the live side played by the test: a topic of
 * the test's own holds the history; the live collections hold what the live projection made of it.
 */
class RebuildRunTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReadModelStore store;
    private ReadModelProjector live;

    @BeforeEach
    void freshDatabase() {
        store = new ReadModelStore("rebuild_run");
        live = new ReadModelProjector(store.database());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void rebuiltAccountsAreIdenticalToTheLiveOnes() {
        // given a live run over the whole history
        List<ProjectedEvent> history = EconomyScenario.feed().events();
        String topic = EventTopics.create("rebuild-accounts", 3);
        EventTopics.produce(topic, history);
        live.apply(history);
        List<Document> liveAccounts = store.documents("accounts");
        store.database().getCollection("accounts").createIndex(Indexes.ascending("balance"));

        // when
        RebuildRun run = run(ReadModel.ACCOUNTS, topic, LiveProjection.NONE);
        run.run();

        // then
        RebuildProgress progress = run.progress();
        assertThat(progress.state()).isEqualTo(RebuildState.DONE);
        assertThat(progress.error()).isNull();
        assertThat(progress.processed()).isEqualTo(progress.total()).isEqualTo(history.size());
        assertThat(progress.finishedAt()).isAfterOrEqualTo(progress.startedAt());
        assertThat(store.documents("accounts")).isEqualTo(liveAccounts);
        assertThat(indexNames("accounts")).contains("balance_1");
        assertThat(collections()).noneMatch(name -> name.contains("__rebuild_"));
    }

    @Test
    void eventsArrivingDuringTheRebuildAreCaughtUpBeforeTheSwapWhileTheOldCollectionServes() {
        // given the first two days on the topic and live
        List<ProjectedEvent> history = EconomyScenario.feed().events();
        int split = history.size() / 2;
        List<ProjectedEvent> early = history.subList(0, split);
        List<ProjectedEvent> late = history.subList(split, history.size());
        String topic = EventTopics.create("rebuild-catch-up", 3);
        EventTopics.produce(topic, early);
        live.apply(early);
        List<Document> liveBefore = store.documents("analytics_daily");
        List<List<Document>> seenWhileRebuilding = new ArrayList<>();
        List<String> collectionsWhileRebuilding = new ArrayList<>();

        // when the rest arrives after the rebuild captured its end offsets; live applies it until it is paused
        LiveProjection liveSide = new LiveProjection() {
            @Override
            public void pause() {
                seenWhileRebuilding.add(store.documents("analytics_daily"));
                collectionsWhileRebuilding.addAll(collections());
                EventTopics.produce(topic, late);
                live.apply(late);
            }

            @Override
            public void resume() {
            }
        };
        RebuildRun run = run(ReadModel.ANALYTICS_DAILY, topic, liveSide);
        run.run();

        // then the old collection served the live documents until the swap, next to the rebuild's own
        assertThat(seenWhileRebuilding).containsExactly(liveBefore);
        assertThat(collectionsWhileRebuilding).contains("analytics_daily", "analytics_daily__rebuild_1");
        // and the swapped-in one holds the whole history, as a projection of everything would
        assertThat(run.progress().state()).isEqualTo(RebuildState.DONE);
        assertThat(run.progress().processed()).isEqualTo(run.progress().total()).isEqualTo(history.size());
        try (ReadModelStore reference = new ReadModelStore("rebuild_reference")) {
            new ReadModelProjector(reference.database()).apply(history);
            assertThat(store.documents("analytics_daily")).isEqualTo(reference.documents("analytics_daily"))
                    .hasSize(4);
        }
    }

    @Test
    void rebuildingOneOfTheTaskModelsSwapsInOnlyThatOne() {
        // given
        List<ProjectedEvent> history = EconomyScenario.feed().events();
        String topic = EventTopics.create("rebuild-queues", 2);
        EventTopics.produce(topic, history);
        live.apply(history);
        Map<String, List<Document>> before = store.snapshot();
        store.database().getCollection("tasks").drop();

        // when
        RebuildRun run = run(ReadModel.WORKER_QUEUES, topic, LiveProjection.NONE);
        run.run();

        // then worker_queues is back as it was; tasks (dropped above) was not touched; no scratch copies remain
        assertThat(run.progress().state()).isEqualTo(RebuildState.DONE);
        assertThat(store.documents("worker_queues")).isEqualTo(before.get("worker_queues"));
        assertThat(store.documents("tasks")).isEmpty();
        assertThat(store.documents("workers")).isEqualTo(before.get("workers"));
        assertThat(collections()).noneMatch(name -> name.contains("__rebuild_"));
    }

    @Test
    void fleetAnalyticsIsRebuiltWithItsTaskTimings() {
        // given
        List<ProjectedEvent> history = EconomyScenario.feed().events();
        String topic = EventTopics.create("rebuild-fleet", 2);
        EventTopics.produce(topic, history);
        live.apply(history);
        Map<String, List<Document>> before = store.snapshot();
        store.database().getCollection("analytics_task_timings").drop();

        // when
        RebuildRun run = run(ReadModel.ANALYTICS_FLEET, topic, LiveProjection.NONE);
        run.run();

        // then
        assertThat(run.progress().state()).isEqualTo(RebuildState.DONE);
        assertThat(store.snapshot()).isEqualTo(before);
    }

    @Test
    void aRebuiltAuditHoldsInBucketsTheDaysThatWereStoredOneDocumentEach() {
        // given a live account_audit in the shape before buckets: one document per worker and day
        List<ProjectedEvent> history = EconomyScenario.feed().events();
        String topic = EventTopics.create("rebuild-audit", 3);
        EventTopics.produce(topic, history);
        live.apply(history);
        List<Document> bucketed = store.documents("account_audit");
        List<Document> oneDocumentPerDay = new ArrayList<>();
        for (Document day : bucketed) {
            if (day.containsKey("buckets")) {
                List<Document> movements = AuditLog.movements(store.database(), day.getString("workerId"),
                        day.getString("date"));
                oneDocumentPerDay.add(new Document("_id", day.get("_id")).append("workerId", day.get("workerId"))
                        .append("accountId", day.get("accountId")).append("date", day.get("date"))
                        .append("count", movements.size()).append("movements", movements));
            }
        }
        store.database().getCollection("account_audit").drop();
        store.database().getCollection("account_audit").insertMany(oneDocumentPerDay);

        // when
        RebuildRun run = run(ReadModel.ACCOUNT_AUDIT, topic, LiveProjection.NONE);
        run.run();

        // then every day is in buckets, as a live projection of the whole history writes it
        assertThat(run.progress().state()).isEqualTo(RebuildState.DONE);
        assertThat(oneDocumentPerDay).hasSizeGreaterThan(5);
        assertThat(store.documents("account_audit")).isEqualTo(bucketed);
        assertThat(collections()).noneMatch(name -> name.contains("__rebuild_"));
    }

    @Test
    void aFailedRebuildLeavesTheLiveModelAndDropsItsCollections() {
        // given
        List<ProjectedEvent> history = EconomyScenario.feed().events();
        live.apply(history);
        List<Document> liveAccounts = store.documents("accounts");

        // when the topic cannot be read
        RebuildRun run = new RebuildRun(ReadModel.ACCOUNTS, 7, store.database(), () -> {
            throw new IllegalStateException("Topic gone does not exist");
        }, decoder(), LiveProjection.NONE, Duration.ofSeconds(5), Clock.systemUTC());
        run.run();

        // then
        assertThat(run.progress().state()).isEqualTo(RebuildState.FAILED);
        assertThat(run.progress().error()).contains("Topic gone does not exist");
        assertThat(run.progress().finishedAt()).isNotNull();
        assertThat(store.documents("accounts")).isEqualTo(liveAccounts);
        assertThat(collections()).noneMatch(name -> name.contains("__rebuild_"));
    }

    private RebuildRun run(ReadModel model, String topic, LiveProjection liveSide) {
        Map<String, Object> kafka = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedStack.shared().kafkaBootstrap());
        return new RebuildRun(model, 1, store.database(),
                () -> new EventLogReader(kafka, topic, 50, Duration.ofMillis(200)), decoder(), liveSide,
                Duration.ofSeconds(5), Clock.systemUTC());
    }

    private static CloudEventDecoder decoder() {
        return new CloudEventDecoder(JSON);
    }

    private List<String> collections() {
        return store.database().listCollectionNames().into(new ArrayList<>());
    }

    private List<String> indexNames(String collection) {
        return store.database().getCollection(collection).listIndexes().map(index -> index.getString("name"))
                .into(new ArrayList<>());
    }
}
