package io.aviary.reliability.fault;

import io.aviary.events.Topics;
import io.aviary.reliability.Api;
import io.aviary.reliability.EventTopic;
import io.aviary.reliability.Figures;
import io.aviary.reliability.ReadModels;
import io.aviary.reliability.ReadModels.Snapshot;
import io.aviary.reliability.ReliabilityPlatform;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault 4 of issue 7: after the runs above (kills, broker restart, projection restarts, command-side restart, event
 * store outage), every read model rebuilt from offset 0 through the projections API is identical, document by
 * document, to the live one it replaces. Runs last ({@code @Order}) so the read models hold everything the other
 * faults produced; it also stands alone.
 */
@Order(10)
class RebuildEquivalenceTest {

    /** Every read model of the rebuild API, with the live collections each one swaps in. */
    private static final Map<String, List<String>> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("tasks", List.of("tasks"));
        MODELS.put("workers", List.of("workers"));
        MODELS.put("worker_queues", List.of("worker_queues"));
        MODELS.put("accounts", List.of("accounts"));
        MODELS.put("account_audit", List.of("account_audit"));
        MODELS.put("billing_cycles", List.of("billing_cycles"));
        MODELS.put("analytics_daily", List.of("analytics_daily"));
        MODELS.put("analytics_fleet", List.of("analytics_fleet", "analytics_task_timings"));
        MODELS.put("areas", List.of("areas"));
        MODELS.put("area_executions", List.of("area_executions"));
        MODELS.put("area_deliveries", List.of("area_deliveries"));
    }

    @Test
    void everyReadModelRebuiltFromOffsetZeroIsIdenticalToTheLiveOne() {
        ReliabilityPlatform platform = ReliabilityPlatform.get();
        EventTopic topic = new EventTopic(platform.stack().kafkaBootstrap());
        // given read models that have caught up with the topic (nothing is running: the other faults waited for
        // their tasks to end)
        await("the live projections caught up").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> topic.lag("aviary-projections", Topics.EVENTS) == 0);
        Map<String, Integer> compared = new LinkedHashMap<>();
        long offsets = 0;
        try (ReadModels readModels = new ReadModels(platform.stack().mongoUri())) {
            for (Map.Entry<String, List<String>> model : MODELS.entrySet()) {
                Snapshot before = readModels.snapshot(ReadModels.LIVE_DATABASE).only(model.getValue());

                // when the model is rebuilt from offset 0
                Api.Answer started = Api.post(platform.projectionsUrl() + "/api/v1/admin/projections/"
                        + model.getKey() + "/rebuild", Map.of(), platform.adminToken(), Duration.ofSeconds(10));
                assertThat(started.status()).as("rebuild %s: %s", model.getKey(), started.body()).isEqualTo(202);
                Api.Answer done = await("rebuild of " + model.getKey()).atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> Api.get(platform.projectionsUrl() + "/api/v1/admin/projections/"
                                        + model.getKey(), platform.adminToken(), Duration.ofSeconds(10)),
                                answer -> !answer.body().path("state").asText().equals("RUNNING"));
                assertThat(done.body().path("state").asText()).as("rebuild %s: %s", model.getKey(), done.body())
                        .isEqualTo("DONE");
                offsets = Math.max(offsets, done.body().path("processed").asLong());

                // then the swapped-in collections hold exactly the documents the live ones held
                Snapshot after = readModels.snapshot(ReadModels.LIVE_DATABASE).only(model.getValue());
                assertThat(after.differencesFrom(before)).as("rebuilt %s vs live", model.getKey()).isEmpty();
                compared.put(model.getKey(), after.documents());
            }
        }

        Figures.of("4 rebuild equivalence")
                .put("read models rebuilt", MODELS.size())
                .put("topic offsets replayed per rebuild", offsets)
                .put("documents compared", compared.values().stream().mapToInt(Integer::intValue).sum())
                .put("per model", compared)
                .put("differences", 0)
                .report();
    }
}
