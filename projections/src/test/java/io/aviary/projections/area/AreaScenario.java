package io.aviary.projections.area;

import static io.aviary.events.area.ExecutionStatus.FAILED;
import static io.aviary.events.area.ExecutionStatus.NOT_TRIGGERED;
import static io.aviary.events.area.ExecutionStatus.PARTIALLY_FAILED;
import static io.aviary.events.area.ExecutionStatus.SUCCEEDED;
import static io.aviary.events.area.FireSource.CRON;
import static io.aviary.events.task.Outcome.FAILURE;
import static io.aviary.events.task.Outcome.SUCCESS;
import static io.aviary.events.task.Outcome.WARNING;

/**
 * A small AREA history with fixed ids: a cron AREA with five executions (succeeded, partially failed with a skipped
 * and a dead-lettered reaction, not triggered, failed, and one of version 2 still running) around a pause, a resume
 * and an update; a webhook AREA with three deliveries whose executions overlap; an interval AREA that was deleted.
 */
public final class AreaScenario {

    static final String CRON_AREA = "a1a1a1a1-0000-4000-8000-000000000001";
    static final String WEBHOOK_AREA = "b2b2b2b2-0000-4000-8000-000000000002";
    static final String INTERVAL_AREA = "c3c3c3c3-0000-4000-8000-000000000003";
    static final String E1 = "e0000000-0000-4000-8000-000000000001";
    static final String E2 = "e0000000-0000-4000-8000-000000000002";
    static final String E3 = "e0000000-0000-4000-8000-000000000003";
    static final String E4 = "e0000000-0000-4000-8000-000000000004";
    static final String E5 = "e0000000-0000-4000-8000-000000000005";
    static final String W1 = "f0000000-0000-4000-8000-000000000001";
    static final String W2 = "f0000000-0000-4000-8000-000000000002";
    static final String W3 = "f0000000-0000-4000-8000-000000000003";

    private AreaScenario() {
    }

    public static AreaFeed feed() {
        AreaFeed feed = new AreaFeed();
        String a = CRON_AREA;
        feed.scheduled(a, "status watch", AreaFeed.cron("0 * * * * *", "Europe/Paris"), AreaFeed.TWO_REACTIONS,
                "2026-03-02T10:00:30Z");
        // E1: triggered; reaction 0's condition false, reaction 1 succeeds
        feed.firedOnSchedule(a, E1, 1, CRON, "2026-03-02T10:01:00Z", "2026-03-02T10:01:00.120Z")
                .actionCompleted(a, E1, "t-e1-action", 1, SUCCESS, true, "2026-03-02T10:01:02Z")
                .reactionCompleted(a, E1, 0, "log", false, null, 0, null, "2026-03-02T10:01:02.050Z")
                .reactionCompleted(a, E1, 1, "http.post", true, "t-e1-r1", 1, WARNING, "2026-03-02T10:01:03.500Z")
                .executionCompleted(a, E1, SUCCEEDED, "2026-03-02T10:01:00.120Z", "2026-03-02T10:01:03.600Z");
        // E2: triggered; reaction 0 skipped, reaction 1 dead-lettered after 3 attempts
        feed.firedOnSchedule(a, E2, 1, CRON, "2026-03-02T10:02:00Z", "2026-03-02T10:02:00.010Z")
                .actionCompleted(a, E2, "t-e2-action", 2, SUCCESS, true, "2026-03-02T10:02:01.010Z")
                .reactionCompleted(a, E2, 0, "log", false, null, 0, null, "2026-03-02T10:02:01.020Z")
                .reactionCompleted(a, E2, 1, "http.post", true, "t-e2-r1", 3, FAILURE, "2026-03-02T10:02:09.010Z")
                .executionCompleted(a, E2, PARTIALLY_FAILED, "2026-03-02T10:02:00.010Z", "2026-03-02T10:02:09.100Z");
        // E3: the polled page did not change
        feed.firedOnSchedule(a, E3, 1, CRON, "2026-03-02T10:03:00Z", "2026-03-02T10:03:00Z")
                .actionCompleted(a, E3, "t-e3-action", 1, SUCCESS, false, "2026-03-02T10:03:01Z")
                .executionCompleted(a, E3, NOT_TRIGGERED, "2026-03-02T10:03:00Z", "2026-03-02T10:03:01Z");
        // E4: the action itself was dead-lettered
        feed.firedOnSchedule(a, E4, 1, CRON, "2026-03-02T10:04:00Z", "2026-03-02T10:04:00Z")
                .actionCompleted(a, E4, "t-e4-action", 3, FAILURE, false, "2026-03-02T10:04:30Z")
                .executionCompleted(a, E4, FAILED, "2026-03-02T10:04:00Z", "2026-03-02T10:04:30Z");
        feed.paused(a, "2026-03-02T10:04:40Z")
                .resumed(a, "2026-03-02T10:10:20Z")
                .updated(a, 2, "status watch v2", AreaFeed.cron("0 */5 * * * *", "Europe/Paris"),
                        AreaFeed.TWO_REACTIONS.subList(1, 2), "2026-03-02T10:11:00Z");
        // E5: version 2, still running
        feed.firedOnSchedule(a, E5, 2, CRON, "2026-03-02T10:15:00Z", "2026-03-02T10:15:00.500Z");

        String w = WEBHOOK_AREA;
        feed.scheduled(w, "on push", AreaFeed.webhook(), AreaFeed.TWO_REACTIONS, "2026-03-02T09:00:00Z")
                .firedByWebhook(w, W1, "delivery-1", "2026-03-02T10:00:00Z")
                .firedByWebhook(w, W2, "delivery-2", "2026-03-02T10:00:00.300Z")
                .actionCompleted(w, W2, "t-w2-action", 1, SUCCESS, true, "2026-03-02T10:00:01Z")
                .actionCompleted(w, W1, "t-w1-action", 1, SUCCESS, true, "2026-03-02T10:00:01.200Z")
                .reactionCompleted(w, W1, 1, "http.post", true, "t-w1-r1", 1, SUCCESS, "2026-03-02T10:00:02Z")
                .reactionCompleted(w, W2, 0, "log", true, "t-w2-r0", 1, SUCCESS, "2026-03-02T10:00:02.100Z")
                .reactionCompleted(w, W1, 0, "log", true, "t-w1-r0", 1, SUCCESS, "2026-03-02T10:00:02.500Z")
                .executionCompleted(w, W1, SUCCEEDED, "2026-03-02T10:00:00Z", "2026-03-02T10:00:02.500Z")
                .reactionCompleted(w, W2, 1, "http.post", true, "t-w2-r1", 1, SUCCESS, "2026-03-02T10:00:03Z")
                .executionCompleted(w, W2, SUCCEEDED, "2026-03-02T10:00:00.300Z", "2026-03-02T10:00:03Z")
                .firedByWebhook(w, W3, "delivery-3", "2026-03-02T11:00:00Z");

        String i = INTERVAL_AREA;
        feed.scheduled(i, "every 30 s", AreaFeed.interval(30_000), AreaFeed.TWO_REACTIONS, "2026-03-02T08:00:00Z")
                .deleted(i, "2026-03-02T08:00:10Z");
        return feed;
    }
}
