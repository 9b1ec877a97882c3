package io.aviary.query.area;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * AREA read-model documents in the shapes the projections app writes (projections/READ_MODELS.md): a cron AREA with
 * three executions, a webhook AREA with three deliveries, a deleted interval AREA and a paused one.
 */
final class AreaFixtures {

    static final String CRON = "a1a1a1a1-0000-4000-8000-000000000001";
    static final String WEBHOOK = "b2b2b2b2-0000-4000-8000-000000000002";
    static final String DELETED = "c3c3c3c3-0000-4000-8000-000000000003";
    static final String PAUSED = "d4d4d4d4-0000-4000-8000-000000000004";

    private AreaFixtures() {
    }

    static Date at(String instant) {
        return instant == null ? null : Date.from(Instant.parse(instant));
    }

    static List<Document> areas() {
        return List.of(
                area(CRON, "status watch", "ACTIVE", "2026-03-02T10:00:30Z",
                        new Document("service", "status-page").append("type", "http.poll")
                                .append("params", new Document("url", "http://localhost/status")
                                        .append("method", "GET"))
                                .append("connection", "status"),
                        trigger("CRON", "0 * * * * *", "Europe/Paris", null, "FIRE_ONCE_NOW"), null,
                        "2026-03-02T10:03:00.100Z", "2026-03-02T10:04:00Z", 3, 0,
                        lastExecution("e-3", "NOT_TRIGGERED", "2026-03-02T10:03:00.100Z", "2026-03-02T10:03:01Z")),
                area(WEBHOOK, "on push", "ACTIVE", "2026-03-02T09:00:00Z",
                        new Document("service", "github").append("type", "webhook.received")
                                .append("params", new Document()).append("connection", null),
                        trigger("WEBHOOK", null, null, null, null), "hook-b2",
                        "2026-03-02T11:00:00Z", null, 3, 3,
                        lastExecution("w-3", "RUNNING", "2026-03-02T11:00:00Z", null)),
                area(DELETED, "every 30 s", "DELETED", "2026-03-02T08:00:00Z",
                        new Document("service", "svc").append("type", "timer.tick").append("params", new Document())
                                .append("connection", null),
                        trigger("INTERVAL", null, null, 30_000L, "SKIP"), null, null, null, 0, 0, null)
                        .append("deletedAt", at("2026-03-02T08:00:10Z")),
                area(PAUSED, "nightly", "PAUSED", "2026-03-02T11:30:00Z",
                        new Document("service", "svc").append("type", "timer.tick").append("params", new Document())
                                .append("connection", null),
                        trigger("CRON", "0 0 2 * * *", "UTC", null, "SKIP"), null, null, null, 0, 0, null)
                        .append("pausedAt", at("2026-03-02T11:31:00Z")));
    }

    private static Document area(String id, String name, String state, String createdAt, Document action,
                                 Document trigger, String hookId, String lastFireAt, String nextFireAt,
                                 long executions, long deliveries, Document lastExecution) {
        return new Document("_id", id)
                .append("owner", "manager")
                .append("name", name)
                .append("version", 2)
                .append("state", state)
                .append("action", action)
                .append("trigger", trigger)
                .append("reactions", List.of(
                        new Document("index", 0).append("type", "log")
                                .append("params", new Document("message", "status {{output.status}}"))
                                .append("condition", "output.status == 404").append("connection", null),
                        new Document("index", 1).append("type", "http.post")
                                .append("params", new Document("url", "http://localhost/hook").append("body", "{}"))
                                .append("condition", null).append("connection", "crm")))
                .append("retryPolicy", new Document("maxAttempts", 3).append("initialBackoffMs", 500L)
                        .append("multiplier", 2.0).append("maxBackoffMs", 10_000L))
                .append("hookId", hookId)
                .append("webhookPath", hookId == null ? null : "/webhooks/" + action.getString("service") + "/"
                        + hookId)
                .append("createdAt", at(createdAt))
                .append("updatedAt", at(createdAt))
                .append("pausedAt", null)
                .append("resumedAt", null)
                .append("deletedAt", null)
                .append("webhookSecretRotatedAt", null)
                .append("scheduleFrom", at(createdAt))
                .append("lastFireAt", at(lastFireAt))
                .append("lastScheduledFor", at(lastFireAt))
                .append("nextFireAt", at(nextFireAt))
                .append("executions", executions)
                .append("deliveries", deliveries)
                .append("openExecutions", new Document())
                .append("lastExecution", lastExecution)
                .append("seq", 20L);
    }

    private static Document trigger(String kind, String cron, String zone, Long intervalMs, String misfire) {
        return new Document("kind", kind).append("cron", cron).append("zone", zone).append("intervalMs", intervalMs)
                .append("misfire", misfire);
    }

    private static Document lastExecution(String id, String status, String firedAt, String completedAt) {
        return new Document("executionId", id).append("ordinal", 2L).append("source", "CRON").append("status", status)
                .append("firedAt", at(firedAt)).append("completedAt", at(completedAt));
    }

    static List<Document> executions() {
        return List.of(
                execution(CRON, 0, "e-1", "2026-03-02T10:01:00Z", "SUCCEEDED", "2026-03-02T10:01:03.600Z", 3_480L,
                        action("t-e1", "SUCCESS", 1, true, "2026-03-02T10:01:02Z", 1_880L),
                        List.of(reaction(0, "log", false, "SKIPPED", null, null, 0, "2026-03-02T10:01:02.050Z", null),
                                reaction(1, "http.post", true, "SUCCEEDED", "t-e1-r1", "WARNING", 1,
                                        "2026-03-02T10:01:03.500Z", 1_500L))),
                execution(CRON, 1, "e-2", "2026-03-02T10:02:00Z", "PARTIALLY_FAILED", "2026-03-02T10:02:09.100Z",
                        9_090L, action("t-e2", "SUCCESS", 2, true, "2026-03-02T10:02:01.010Z", 1_000L),
                        List.of(reaction(0, "log", false, "SKIPPED", null, null, 0, "2026-03-02T10:02:01.020Z", null),
                                reaction(1, "http.post", true, "FAILED", "t-e2-r1", "FAILURE", 3,
                                        "2026-03-02T10:02:09.010Z", 8_000L))),
                execution(CRON, 2, "e-3", "2026-03-02T10:03:00Z", "NOT_TRIGGERED", "2026-03-02T10:03:01Z", 900L,
                        action("t-e3", "SUCCESS", 1, false, "2026-03-02T10:03:01Z", 900L), List.of()),
                webhookExecution(0, "w-1", "delivery-1", "2026-03-02T10:00:00Z"),
                webhookExecution(1, "w-2", "delivery-2", "2026-03-02T10:00:00.300Z"),
                webhookExecution(2, "w-3", "delivery-3", "2026-03-02T11:00:00Z"));
    }

    private static Document execution(String areaId, long ordinal, String executionId, String scheduledFor,
                                      String status, String completedAt, Long durationMs, Document action,
                                      List<Document> reactions) {
        return new Document("_id", areaId + ":" + ordinal)
                .append("areaId", areaId)
                .append("ordinal", ordinal)
                .append("executionId", executionId)
                .append("fireId", areaId + "@" + scheduledFor)
                .append("version", 1)
                .append("source", "CRON")
                .append("scheduledFor", at(scheduledFor))
                .append("deliveryId", null)
                .append("firedAt", Date.from(Instant.parse(scheduledFor).plusMillis(100)))
                .append("reactionsDefined", 2)
                .append("action", action)
                .append("reactions", reactions)
                .append("status", status)
                .append("completedAt", at(completedAt))
                .append("durationMs", durationMs)
                .append("seq", 10L + ordinal);
    }

    private static Document webhookExecution(long ordinal, String executionId, String deliveryId, String firedAt) {
        return new Document("_id", WEBHOOK + ":" + ordinal)
                .append("areaId", WEBHOOK)
                .append("ordinal", ordinal)
                .append("executionId", executionId)
                .append("fireId", deliveryId)
                .append("version", 2)
                .append("source", "WEBHOOK")
                .append("scheduledFor", null)
                .append("deliveryId", deliveryId)
                .append("firedAt", at(firedAt))
                .append("reactionsDefined", 2)
                .append("action", null)
                .append("reactions", List.of())
                .append("status", "RUNNING")
                .append("completedAt", null)
                .append("durationMs", null)
                .append("seq", 5L + ordinal);
    }

    private static Document action(String taskId, String outcome, int attempts, boolean triggered,
                                   String completedAt, long durationMs) {
        return new Document("taskId", taskId).append("outcome", outcome).append("attempts", attempts)
                .append("triggered", triggered).append("completedAt", at(completedAt))
                .append("durationMs", durationMs);
    }

    private static Document reaction(int index, String type, boolean conditionHeld, String status, String taskId,
                                     String outcome, int attempts, String completedAt, Long durationMs) {
        return new Document("index", index).append("type", type).append("conditionHeld", conditionHeld)
                .append("status", status).append("taskId", taskId).append("outcome", outcome)
                .append("attempts", attempts).append("completedAt", at(completedAt))
                .append("durationMs", durationMs);
    }

    static List<Document> deliveries() {
        return List.of(delivery(0, "delivery-1", "w-1", "2026-03-02T10:00:00Z"),
                delivery(1, "delivery-2", "w-2", "2026-03-02T10:00:00.300Z"),
                delivery(2, "delivery-3", "w-3", "2026-03-02T11:00:00Z"));
    }

    private static Document delivery(long ordinal, String deliveryId, String executionId, String firedAt) {
        return new Document("_id", WEBHOOK + ":" + ordinal)
                .append("areaId", WEBHOOK)
                .append("ordinal", ordinal)
                .append("deliveryId", deliveryId)
                .append("executionId", executionId)
                .append("executionOrdinal", ordinal)
                .append("version", 2)
                .append("firedAt", at(firedAt))
                .append("seq", 5L + ordinal);
    }
}
