package io.aviary.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Sorts;
import io.aviary.infra.EmbeddedStack;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The economy on the running platform: a shuffle of 30 open tasks among 3 agents charges the new assignees, and a
 * rebuild of {@code accounts} and {@code analytics_daily} from offset 0 equals the live read models.
 */
class EconomyEndToEndTest {

    private static final Duration LONG = Duration.ofSeconds(90);

    @Test
    void shuffleReassignsEveryOpenTaskAndARebuildEqualsTheLiveReadModels() {
        // given three available agents whose 6 slots are busy with long tasks, and 30 tasks waiting in their queues
        Platform platform = TestPlatform.get();
        List<String> agentIds = new ArrayList<>();
        for (int i = 1; i <= TestPlatform.AGENTS; i++) {
            agentIds.add(TestPlatform.workerId(Platform.agentName(i)));
        }
        await().atMost(LONG).untilAsserted(() -> assertThat(agentIds)
                .allSatisfy(id -> assertThat(TestPlatform.workerState(id)).isIn("AVAILABLE", "WORKING")));
        List<String> blockers = submit(2 * TestPlatform.AGENTS, 120_000);
        await().atMost(LONG).untilAsserted(() -> assertThat(blockers)
                .allSatisfy(id -> assertThat(status(id)).isEqualTo("RUNNING")));
        List<String> waiting = submit(30, 100);
        await().atMost(LONG).untilAsserted(() -> assertThat(waiting)
                .allSatisfy(id -> assertThat(status(id)).isEqualTo("ASSIGNED")));
        Map<String, String> before = new HashMap<>();
        waiting.forEach(id -> before.put(id, TestPlatform.task(id).path("workerId").asText()));

        // when a manager shuffles
        JsonNode answer = TestPlatform.post(platform.commandUrl() + "/api/v1/tasks/shuffle", Map.of());

        // then all 30 waiting tasks move to another worker, and the running ones stay where they are
        assertThat(answer.path("reassigned").asInt()).as("shuffle answer %s", answer).isEqualTo(30);
        assertThat(answer.path("skippedRunning").asInt()).isGreaterThanOrEqualTo(blockers.size());
        await().atMost(LONG).untilAsserted(() -> assertThat(waiting).allSatisfy(id -> {
            JsonNode task = TestPlatform.task(id);
            assertThat(task.path("workerId").asText()).isNotEqualTo(before.get(id));
            assertThat(task.path("attempt").asInt()).isEqualTo(2);
        }));
        // and each new assignee's account shows the task's fee charged for the reassignment
        await().atMost(LONG).untilAsserted(() -> assertThat(waiting).allSatisfy(id -> {
            JsonNode task = TestPlatform.task(id);
            assertThat(reassignmentCharges(task.path("workerId").asText()))
                    .as("reassignment charges of %s", task.path("workerId").asText())
                    .containsEntry(id, -task.path("assignmentFee").asLong());
        }));

        // and when everything is cancelled (the waiting ones first: a cancelled blocker frees a slot) and the read
        // models are quiet, a rebuild from offset 0 ...
        List<String> all = new ArrayList<>(waiting);
        all.addAll(blockers);
        all.forEach(id -> TestPlatform.post(platform.commandUrl() + "/api/v1/tasks/" + id + "/cancel",
                Map.of("reason", "end of test")));
        await().atMost(LONG).untilAsserted(() -> assertThat(all)
                .allSatisfy(id -> assertThat(status(id)).isEqualTo("CANCELLED")));
        for (String model : List.of("accounts", "analytics_daily")) {
            List<Document> live = quietSnapshot(model);
            rebuild(platform, model);

            // ... gives documents identical to the live ones
            assertThat(snapshot(model)).as("rebuilt %s", model).isEqualTo(live);
            assertThat(live).isNotEmpty();
        }
    }

    private static List<String> submit(int count, int millis) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(TestPlatform.post(TestPlatform.get().commandUrl() + "/api/v1/tasks", Map.of(
                    "type", "sleep", "payload", Map.of("millis", millis), "timeoutMs", 600_000))
                    .path("taskId").asText());
        }
        return ids;
    }

    private static String status(String taskId) {
        return TestPlatform.task(taskId).path("status").asText();
    }

    /** Task id -> signed amount of every reassignment charge in the worker's audit log. */
    private static Map<String, Long> reassignmentCharges(String workerId) {
        JsonNode audit = TestPlatform.get(TestPlatform.get().queryUrl() + "/api/v1/accounts/" + workerId
                + "/audit?size=500");
        Map<String, Long> charges = new HashMap<>();
        audit.path("items").forEach(movement -> {
            if ("reassignment".equals(movement.path("reason").asText())) {
                charges.put(movement.path("taskId").asText(), movement.path("amount").asLong());
            }
        });
        return charges;
    }

    private static void rebuild(Platform platform, String model) {
        String url = platform.projectionsUrl() + "/api/v1/admin/projections/" + model;
        TestPlatform.post(url + "/rebuild", Map.of());
        await().atMost(LONG).untilAsserted(() -> {
            JsonNode progress = TestPlatform.get(url);
            assertThat(progress.path("state").asText()).as("progress %s", progress).isEqualTo("DONE");
            assertThat(progress.path("processed").asLong()).isEqualTo(progress.path("total").asLong());
        });
    }

    /** The collection once two reads two seconds apart agree: the live projection has nothing left to apply. */
    private static List<Document> quietSnapshot(String collection) {
        AtomicReference<List<Document>> last = new AtomicReference<>(List.of());
        return await().atMost(LONG).pollInterval(Duration.ofSeconds(2)).until(() -> {
            List<Document> now = snapshot(collection);
            return now.equals(last.getAndSet(now)) ? now : null;
        }, snapshot -> snapshot != null);
    }

    private static List<Document> snapshot(String collection) {
        try (MongoClient client = MongoClients.create(EmbeddedStack.shared().mongoUri())) {
            return client.getDatabase("aviary").getCollection(collection).find().sort(Sorts.ascending("_id"))
                    .into(new ArrayList<>());
        }
    }
}
