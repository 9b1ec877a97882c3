package io.aviary.query;

import io.aviary.events.worker.WorkerIds;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Documents in the shapes the projections app writes (projections/READ_MODELS.md), inserted with the driver as the
 * projections would leave them.
 */
public final class ReadModelFixtures {

    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private ReadModelFixtures() {
    }

    public static Date at(int secondsAfterT0) {
        return Date.from(T0.plusSeconds(secondsAfterT0));
    }

    public static Document worker(String name, String state, List<String> taskTypes, int registeredAt) {
        return new Document("_id", WorkerIds.forName(name))
                .append("name", name)
                .append("hardwareId", "hw-" + name)
                .append("state", state)
                .append("stateReason", "registered")
                .append("slots", 2)
                .append("maxQueue", 5)
                .append("taskTypes", taskTypes)
                .append("labels", new Document("zone", "eu"))
                .append("registeredAt", at(registeredAt))
                .append("updatedAt", at(registeredAt))
                .append("seq", 0L);
    }

    public static Document lastOutcome(String taskId, String outcome, String status, int at) {
        return new Document("taskId", taskId).append("outcome", outcome).append("status", status)
                .append("at", at(at));
    }

    public static Document task(String taskId, String type, String status, String workerId, int createdAt) {
        return new Document("_id", taskId)
                .append("type", type)
                .append("status", status)
                .append("attempt", workerId == null ? 0 : 1)
                .append("outcome", "COMPLETED".equals(status) ? "SUCCESS" : null)
                .append("workerId", workerId)
                .append("priority", 0)
                .append("payload", new Document("millis", 10))
                .append("requiredLabels", new Document())
                .append("maxAttempts", 3)
                .append("timeoutMs", 60_000L)
                .append("idempotencyKey", null)
                .append("failures", 0)
                .append("assignmentFee", 15)
                .append("completionReward", 25)
                .append("createdAt", at(createdAt))
                .append("updatedAt", at(createdAt + 5))
                .append("notBefore", null)
                .append("message", null)
                .append("output", null)
                .append("timeline", List.of(timeline("TaskCreated", "QUEUED", 0, null, createdAt, null)))
                .append("seq", 0L);
    }

    public static Document timeline(String event, String status, int attempt, String workerId, int at, String detail) {
        return new Document("event", event).append("status", status).append("attempt", attempt)
                .append("workerId", workerId).append("at", at(at)).append("detail", detail);
    }

    public static Document queueEntry(String taskId, int attempt, String status, int assignedAt, Integer finishedAt) {
        return new Document("taskId", taskId).append("attempt", attempt).append("type", "noop")
                .append("priority", 0).append("status", status).append("assignedAt", at(assignedAt))
                .append("startedAt", null).append("finishedAt", finishedAt == null ? null : at(finishedAt))
                .append("message", null);
    }

    public static Map<String, Object> queue(String workerId, List<Document> current, List<Document> history) {
        return new Document("_id", workerId).append("current", current).append("history", history)
                .append("updatedAt", at(100));
    }
}
