package io.aviary.projections.area;

import io.aviary.events.area.FireSource;
import io.aviary.events.task.Outcome;
import io.aviary.projections.apply.BatchResult;
import io.aviary.projections.apply.CollectionResolver;
import io.aviary.projections.apply.ReadModel;
import io.aviary.projections.apply.ReadModelProjector;
import io.aviary.projections.apply.ReadModelStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static io.aviary.projections.area.AreaScenario.CRON_AREA;
import static io.aviary.projections.area.AreaScenario.E2;
import static io.aviary.projections.area.AreaScenario.E5;
import static io.aviary.projections.area.AreaScenario.INTERVAL_AREA;
import static io.aviary.projections.area.AreaScenario.W1;
import static io.aviary.projections.area.AreaScenario.W2;
import static io.aviary.projections.area.AreaScenario.W3;
import static io.aviary.projections.area.AreaScenario.WEBHOOK_AREA;
import static org.assertj.core.api.Assertions.assertThat;

/** What the AREA read models show for a known history. */
class AreaProjectionTest {

    private ReadModelStore store;
    private ReadModelProjector projector;

    @BeforeEach
    void freshDatabase() {
        store = new ReadModelStore("area_projection");
        projector = new ReadModelProjector(List.of(ReadModel.AREAS), CollectionResolver.live(store.database()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anExecutionShowsItsSkippedReactionAndItsDeadLetteredOne() {
        // when the history is projected
        projector.apply(AreaScenario.feed().events());

        // then the second execution of the cron AREA shows the action, the skipped and the dead-lettered reaction
        Document execution = store.document("area_executions", CRON_AREA + ":1");
        assertThat(execution.getString("executionId")).isEqualTo(E2);
        assertThat(execution.getString("areaId")).isEqualTo(CRON_AREA);
        assertThat(execution.getLong("ordinal")).isEqualTo(1);
        assertThat(execution.getInteger("version")).isEqualTo(1);
        assertThat(execution.getString("source")).isEqualTo("CRON");
        assertThat(execution.getString("fireId")).isEqualTo(CRON_AREA + "@2026-03-02T10:02:00Z");
        assertThat(execution.getDate("scheduledFor")).isEqualTo(at("2026-03-02T10:02:00Z"));
        assertThat(execution.getDate("firedAt")).isEqualTo(at("2026-03-02T10:02:00.010Z"));
        assertThat(execution.getInteger("reactionsDefined")).isEqualTo(2);
        assertThat(execution.get("action", Document.class)).isEqualTo(new Document("taskId", "t-e2-action")
                .append("outcome", "SUCCESS").append("attempts", 2).append("triggered", true)
                .append("completedAt", at("2026-03-02T10:02:01.010Z")).append("durationMs", 1_000L));
        assertThat(execution.getList("reactions", Document.class)).containsExactly(
                new Document("index", 0).append("type", "log").append("conditionHeld", false)
                        .append("status", "SKIPPED").append("taskId", null).append("outcome", null)
                        .append("attempts", 0).append("completedAt", at("2026-03-02T10:02:01.020Z"))
                        .append("durationMs", null),
                new Document("index", 1).append("type", "http.post").append("conditionHeld", true)
                        .append("status", "FAILED").append("taskId", "t-e2-r1").append("outcome", "FAILURE")
                        .append("attempts", 3).append("completedAt", at("2026-03-02T10:02:09.010Z"))
                        .append("durationMs", 8_000L));
        assertThat(execution.getString("status")).isEqualTo("PARTIALLY_FAILED");
        assertThat(execution.getDate("completedAt")).isEqualTo(at("2026-03-02T10:02:09.100Z"));
        assertThat(execution.getLong("durationMs")).isEqualTo(9_090L);
    }

    @Test
    void everyExecutionIsNumberedInFireOrderWithItsStatusAndDefinitionVersion() {
        projector.apply(AreaScenario.feed().events());

        assertThat(store.documents("area_executions").stream()
                .filter(doc -> CRON_AREA.equals(doc.getString("areaId")))
                .map(doc -> doc.getLong("ordinal") + " v" + doc.getInteger("version") + " " + doc.getString("status")))
                .containsExactly("0 v1 SUCCEEDED", "1 v1 PARTIALLY_FAILED", "2 v1 NOT_TRIGGERED", "3 v1 FAILED",
                        "4 v2 RUNNING");
        Document running = store.document("area_executions", CRON_AREA + ":4");
        assertThat(running.getString("executionId")).isEqualTo(E5);
        assertThat(running.get("action")).isNull();
        assertThat(running.getList("reactions", Document.class)).isEmpty();
        assertThat(running.getInteger("reactionsDefined")).isEqualTo(1);
        Document failed = store.document("area_executions", CRON_AREA + ":3");
        assertThat(failed.get("action", Document.class).getString("outcome")).isEqualTo("FAILURE");
        assertThat(failed.get("action", Document.class).getInteger("attempts")).isEqualTo(3);
    }

    @Test
    void theAreaDocumentHoldsTheCurrentDefinitionStateAndLastAndNextFire() {
        projector.apply(AreaScenario.feed().events());

        Document area = store.document("areas", CRON_AREA);
        assertThat(area.getString("name")).isEqualTo("status watch v2");
        assertThat(area.getString("owner")).isEqualTo("manager");
        assertThat(area.getInteger("version")).isEqualTo(2);
        assertThat(area.getString("state")).isEqualTo("ACTIVE");
        assertThat(area.get("action", Document.class).getString("type")).isEqualTo("timer.tick");
        assertThat(area.get("trigger", Document.class)).isEqualTo(new Document("kind", "CRON")
                .append("cron", "0 */5 * * * *").append("zone", "Europe/Paris").append("intervalMs", null)
                .append("misfire", "FIRE_ONCE_NOW"));
        assertThat(area.getList("reactions", Document.class)).singleElement().satisfies(reaction -> {
            assertThat(reaction.getInteger("index")).isZero();
            assertThat(reaction.getString("type")).isEqualTo("http.post");
            assertThat(reaction.getString("connection")).isEqualTo("crm");
            assertThat(reaction.getString("condition")).isEqualTo("true");
        });
        assertThat(area.get("retryPolicy", Document.class).getInteger("maxAttempts")).isEqualTo(3);
        assertThat(area.getDate("createdAt")).isEqualTo(at("2026-03-02T10:00:30Z"));
        assertThat(area.getDate("updatedAt")).isEqualTo(at("2026-03-02T10:11:00Z"));
        assertThat(area.getDate("pausedAt")).isEqualTo(at("2026-03-02T10:04:40Z"));
        assertThat(area.getDate("resumedAt")).isEqualTo(at("2026-03-02T10:10:20Z"));
        assertThat(area.getDate("lastFireAt")).isEqualTo(at("2026-03-02T10:15:00.500Z"));
        assertThat(area.getDate("nextFireAt")).isEqualTo(at("2026-03-02T10:20:00Z"));
        assertThat(area.getLong("executions")).isEqualTo(5);
        assertThat(area.getLong("deliveries")).isZero();
        assertThat(area.get("openExecutions", Document.class)).isEqualTo(new Document(E5, 4L));
        assertThat(area.get("lastExecution", Document.class).getString("executionId")).isEqualTo(E5);
        assertThat(area.get("lastExecution", Document.class).getString("status")).isEqualTo("RUNNING");
        assertThat(area.getString("webhookPath")).isNull();

        Document deleted = store.document("areas", INTERVAL_AREA);
        assertThat(deleted.getString("state")).isEqualTo("DELETED");
        assertThat(deleted.get("nextFireAt")).isNull();
        assertThat(deleted.getDate("deletedAt")).isEqualTo(at("2026-03-02T08:00:10Z"));
    }

    @Test
    void webhookDeliveriesAreLoggedInOrderAndLinkedToTheirExecutions() {
        projector.apply(AreaScenario.feed().events());

        Document area = store.document("areas", WEBHOOK_AREA);
        assertThat(area.getString("webhookPath")).isEqualTo("/webhooks/github/hook-b2b2b2b2");
        assertThat(area.get("nextFireAt")).isNull();
        assertThat(area.getLong("deliveries")).isEqualTo(3);
        assertThat(area.get("lastExecution", Document.class).getString("executionId")).isEqualTo(W3);
        assertThat(store.documents("area_deliveries")).extracting(doc -> doc.getString("_id") + " "
                        + doc.getString("deliveryId") + " " + doc.getString("executionId") + " "
                        + doc.getLong("executionOrdinal"))
                .containsExactly(WEBHOOK_AREA + ":0 delivery-1 " + W1 + " 0", WEBHOOK_AREA + ":1 delivery-2 " + W2 + " 1",
                        WEBHOOK_AREA + ":2 delivery-3 " + W3 + " 2");
        // overlapping executions each got their own steps
        Document first = store.document("area_executions", WEBHOOK_AREA + ":0");
        assertThat(first.getString("deliveryId")).isEqualTo("delivery-1");
        assertThat(first.getString("source")).isEqualTo("WEBHOOK");
        assertThat(first.get("scheduledFor")).isNull();
        assertThat(first.get("action", Document.class).getLong("durationMs")).isEqualTo(1_200L);
        assertThat(first.getList("reactions", Document.class)).extracting(r -> r.getString("taskId") + " "
                + r.getLong("durationMs")).containsExactly("t-w1-r0 1300", "t-w1-r1 800");
        assertThat(store.document("area_executions", WEBHOOK_AREA + ":1").getList("reactions", Document.class))
                .extracting(r -> r.getString("taskId")).containsExactly("t-w2-r0", "t-w2-r1");
    }

    @Test
    void nextFireAtOfACronAreaFollowsItsTimeZoneAcrossDaylightSavingChanges() {
        // given a daily 09:00 in Paris, defined on Friday 27 March 2026 (CET, UTC+1)
        String area = AreaFeed.newId();
        AreaFeed feed = new AreaFeed().scheduled(area, "daily", AreaFeed.cron("0 0 9 * * *", "Europe/Paris"),
                List.of(), "2026-03-27T12:00:00Z");
        projector.apply(feed.events());

        // then the next fire is Saturday 09:00 CET
        assertThat(nextFireAt(area)).isEqualTo("2026-03-28T08:00:00Z");

        // when Saturday's fire happens: Sunday 29 March is CEST (UTC+2), 09:00 local is 07:00 UTC
        feed.firedOnSchedule(area, AreaFeed.newId(), 1, FireSource.CRON, "2026-03-28T08:00:00Z",
                "2026-03-28T08:00:00.200Z");
        projector.apply(feed.events());
        assertThat(nextFireAt(area)).isEqualTo("2026-03-29T07:00:00Z");

        // and back: after Saturday 24 October (CEST), Sunday 25 October is CET again
        feed.firedOnSchedule(area, AreaFeed.newId(), 1, FireSource.CRON, "2026-10-24T07:00:00Z",
                "2026-10-24T07:00:01Z");
        projector.apply(feed.events());
        assertThat(nextFireAt(area)).isEqualTo("2026-10-25T08:00:00Z");
    }

    @Test
    void nextFireAtOfAnIntervalAreaCountsFromTheLastFireAndNoneWhilePaused() {
        String area = AreaFeed.newId();
        AreaFeed feed = new AreaFeed().scheduled(area, "poll", AreaFeed.interval(30_000), List.of(),
                "2026-03-02T08:00:00Z");
        projector.apply(feed.events());
        assertThat(nextFireAt(area)).isEqualTo("2026-03-02T08:00:30Z");

        feed.firedOnSchedule(area, AreaFeed.newId(), 1, FireSource.INTERVAL, "2026-03-02T08:00:30Z",
                "2026-03-02T08:00:31Z");
        projector.apply(feed.events());
        assertThat(nextFireAt(area)).isEqualTo("2026-03-02T08:01:00Z");

        feed.paused(area, "2026-03-02T08:00:40Z");
        projector.apply(feed.events());
        assertThat(nextFireAt(area)).isNull();
        assertThat(store.document("areas", area).getString("state")).isEqualTo("PAUSED");

        // instants that passed while paused are not fired: the schedule starts again at the resume
        feed.resumed(area, "2026-03-02T08:05:10Z");
        projector.apply(feed.events());
        assertThat(nextFireAt(area)).isEqualTo("2026-03-02T08:05:40Z");
    }

    @Test
    void anUpdateKeepsTheScheduleOfAnUnchangedTriggerAndRestartsAChangedOne() {
        // given an interval AREA defined at 08:00:00 that has not fired yet
        String area = AreaFeed.newId();
        AreaFeed feed = new AreaFeed().scheduled(area, "poll", AreaFeed.interval(30_000), List.of(),
                "2026-03-02T08:00:00Z");

        // when it is updated at 08:00:20 with the same trigger (a new name): its instants stay where they were
        feed.updated(area, 2, "renamed", AreaFeed.interval(30_000), List.of(), "2026-03-02T08:00:20Z");
        projector.apply(feed.events());
        assertThat(nextFireAt(area)).isEqualTo("2026-03-02T08:00:30Z");

        // when it is updated at 08:00:25 with another interval: the new one counts from the change
        feed.updated(area, 3, "renamed", AreaFeed.interval(60_000), List.of(), "2026-03-02T08:00:25Z");
        projector.apply(feed.events());
        assertThat(nextFireAt(area)).isEqualTo("2026-03-02T08:01:25Z");
        assertThat(store.document("areas", area).getInteger("version")).isEqualTo(3);
    }

    @Test
    void aStepOfAnExecutionThatNeverFiredIsSkippedButTheAreaMovesOn() {
        String area = AreaFeed.newId();
        AreaFeed feed = new AreaFeed().scheduled(area, "poll", AreaFeed.interval(30_000), List.of(),
                "2026-03-02T08:00:00Z")
                .actionCompleted(area, "unknown-execution", "t-x", 1, Outcome.SUCCESS, true, "2026-03-02T08:00:05Z");

        BatchResult result = projector.apply(feed.events());

        assertThat(store.documents("area_executions")).isEmpty();
        assertThat(store.document("areas", area).getLong("seq")).isEqualTo(1);
        assertThat(result.applied()).isEqualTo(2);
    }

    private String nextFireAt(String areaId) {
        Date next = store.document("areas", areaId).getDate("nextFireAt");
        return next == null ? null : next.toInstant().toString();
    }

    private static Date at(String instant) {
        return Date.from(Instant.parse(instant));
    }
}
