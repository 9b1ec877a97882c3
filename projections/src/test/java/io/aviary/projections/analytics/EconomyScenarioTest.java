package io.aviary.projections.analytics;

import io.aviary.projections.account.AuditLog;
import io.aviary.projections.apply.EconomyScenario;
import io.aviary.projections.apply.ReadModelProjector;
import io.aviary.projections.apply.ReadModelStore;
import org.assertj.core.groups.Tuple;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static io.aviary.projections.apply.EconomyScenario.ALICE;
import static io.aviary.projections.apply.EconomyScenario.BOB;
import static io.aviary.projections.apply.EconomyScenario.CAROL;
import static io.aviary.projections.apply.EconomyScenario.T1;
import static io.aviary.projections.apply.EconomyScenario.T3;
import static io.aviary.projections.apply.EconomyScenario.T4;
import static io.aviary.projections.apply.EconomyScenario.T6;
import static io.aviary.projections.apply.EconomyScenario.T8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The economy read models for the four days of {@link EconomyScenario} (across a month boundary), against figures
 * computed by hand from the table in its Javadoc.
 */
class EconomyScenarioTest {

    private static ReadModelStore store;

    @BeforeAll
    static void projectTheScenario() {
        store = new ReadModelStore("economy_scenario");
        new ReadModelProjector(store.database()).apply(EconomyScenario.feed().events());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void earningsPerDayAreFeesChargedMinusRewardsPaid() {
        assertThat(store.documents("analytics_daily"))
                .extracting(d -> d.getString("_id"), d -> d.getLong("feesCharged"), d -> d.getLong("rewardsPaid"),
                        d -> d.getLong("earnings"), d -> d.getLong("tasksCompleted"))
                .containsExactly(
                        tuple("2026-01-30", 60L, 95L, -35L, 3L),
                        tuple("2026-01-31", 48L, 60L, -12L, 2L),
                        tuple("2026-02-01", 48L, 39L, 9L, 1L),
                        tuple("2026-02-02", 33L, 56L, -23L, 2L));
    }

    @Test
    void negativeBalancesAndPayoutsComeFromEachDaysCycleClose() {
        assertThat(store.documents("analytics_daily"))
                .extracting(d -> d.getString("_id"), d -> d.get("negativeBalances"), d -> d.getLong("accountsClosed"),
                        d -> d.getLong("paidOut"))
                .containsExactly(
                        tuple("2026-01-30", 1L, 3L, 50L),
                        tuple("2026-01-31", 1L, 3L, 15L),
                        tuple("2026-02-01", 2L, 3L, 19L),
                        // not closed yet: unknown, not zero
                        tuple("2026-02-02", null, 0L, 0L));
    }

    @Test
    void mostExpensiveTaskOfEachDayIsTheHighestRewardCompleted() {
        assertThat(store.documents("analytics_daily"))
                .extracting(d -> d.getString("_id"),
                        d -> d.get("mostExpensiveTask", Document.class).getString("taskId"),
                        d -> d.get("mostExpensiveTask", Document.class).getLong("completionReward"),
                        d -> d.get("mostExpensiveTask", Document.class).getDate("completedAt"))
                .containsExactly(
                        tuple("2026-01-30", T1, 40L, at("2026-01-30T09:00:10Z")),
                        tuple("2026-01-31", T4, 38L, at("2026-01-31T09:30:35Z")),
                        tuple("2026-02-01", T6, 39L, at("2026-02-01T12:00:31Z")),
                        tuple("2026-02-02", T8, 35L, at("2026-02-02T08:00:12Z")));
    }

    @Test
    void billingCycleListsEveryAccountsBalanceAtCloseAndPayout() {
        Document cycle = store.document("billing_cycles", "2026-01-30");

        assertThat(cycle.getLong("accountsClosed")).isEqualTo(3);
        assertThat(cycle.getLong("negativeBalances")).isEqualTo(1);
        assertThat(cycle.getLong("paidOut")).isEqualTo(50);
        assertThat(cycle.getDate("closedAt")).isEqualTo(at("2026-01-31T00:05:00Z"));
        assertThat(cycle.getList("accounts", Document.class))
                .extracting(e -> e.getString("workerId"), e -> e.getLong("balance"), e -> e.getLong("payout"))
                .containsExactlyInAnyOrder(tuple(ALICE, 45L, 45L), tuple(BOB, 5L, 5L), tuple(CAROL, -15L, 0L));
        assertThat(store.documents("billing_cycles")).extracting(d -> d.getString("_id"))
                .containsExactly("2026-01-30", "2026-01-31", "2026-02-01");
    }

    @Test
    void accountsHoldTheBalanceAndTotals() {
        Document alice = store.document("accounts", ALICE);

        assertThat(alice.getLong("balance")).isEqualTo(-17);
        Document totals = alice.get("totals", Document.class);
        // charges 10 + 15 + 12 + 20 + 17, credits 40 + 30 + 22 + 39, payouts 45 + 10 + 19
        assertThat(totals.getLong("charged")).isEqualTo(74);
        assertThat(totals.getLong("credited")).isEqualTo(131);
        assertThat(totals.getLong("paidOut")).isEqualTo(74);
        assertThat(alice.getString("lastClosedCycle")).isEqualTo("2026-02-01");
        assertThat(alice.getDate("lastMovementAt")).isEqualTo(at("2026-02-02T10:00:20Z"));
        assertThat(store.document("accounts", BOB).getLong("balance")).isEqualTo(-8);
        assertThat(store.document("accounts", CAROL).getLong("balance")).isEqualTo(2);
    }

    @Test
    void auditLogHoldsEverySignedMovementByWorkerAndDay() {
        List<Document> aliceFriday = AuditLog.movements(store.database(), ALICE, "2026-01-30");
        List<Document> aliceSaturday = AuditLog.movements(store.database(), ALICE, "2026-01-31");

        assertThat(aliceFriday)
                .extracting(m -> m.getString("kind"), m -> m.getLong("amount"), m -> m.getString("taskId"),
                        m -> m.getString("reason"), m -> m.get("balanceAfter"))
                .containsExactly(
                        tuple("charge", -10L, T1, "assignment", -10L),
                        tuple("credit", 40L, T1, "completion", 30L),
                        tuple("charge", -15L, T3, "assignment", 15L),
                        tuple("credit", 30L, T3, "completion", 45L));
        // the payout of Friday's cycle is issued on Saturday, 00:05 UTC
        assertThat(aliceSaturday)
                .extracting(m -> m.getString("kind"), m -> m.getLong("amount"), m -> m.getString("cycleDate"))
                .containsExactly(tuple("payout", -45L, "2026-01-30"), tuple("charge", -12L, null),
                        tuple("credit", 22L, null));
        assertThat(AuditLog.movements(store.database(), CAROL, "2026-01-31"))
                .extracting(m -> m.getString("reason"), m -> m.getLong("amount"))
                .containsExactly(tuple("reassignment", -18L), tuple("completion", 38L));
    }

    @Test
    void fleetHourCountsOutcomesLatenciesAndBusyTime() {
        Document hour = store.document("analytics_fleet", "2026-01-30T11");

        Document http = type(hour, "http");
        assertThat(http.getLong("created")).isEqualTo(1);
        assertThat(http.getLong("failure")).isEqualTo(1);
        assertThat(http.getLong("success")).isEqualTo(1);
        assertThat(http.getLong("completed")).isEqualTo(1);
        // created 11:00:00 -> first start 11:01:00
        assertThat(buckets(http, "dispatchLatency")).containsExactly(tuple(60_000L, 1L));
        assertThat(http.get("dispatchLatency", Document.class).getLong("maxMs")).isEqualTo(60_000);
        // 30 s until the first assignment; 9 s from the retry's not-before time to the second
        assertThat(buckets(http, "queueWait")).containsExactly(tuple(10_000L, 1L), tuple(30_000L, 1L));
        // started -> completed: carol 11:01:00-11:01:30, alice 11:01:45-11:02:00
        assertThat(hour.getList("workers", Document.class))
                .extracting(w -> w.getString("workerId"), w -> w.getLong("busyMs"), w -> w.getLong("attempts"))
                .containsExactlyInAnyOrder(tuple(CAROL, 30_000L, 1L), tuple(ALICE, 15_000L, 1L));
    }

    @Test
    void fleetLatenciesLandInTheHourAndBucketTheyEnd() {
        // t7 was created Sunday 13:00 and first started Monday 09:00: 20 h
        Document monday9 = type(store.document("analytics_fleet", "2026-02-02T09"), "noop");
        // t4: created 09:00, started after its reassignment at 09:30:05
        Document saturday9 = type(store.document("analytics_fleet", "2026-01-31T09"), "noop");
        // t9 waited from its requeue at 10:00:00 until 10:00:20
        Document monday10 = type(store.document("analytics_fleet", "2026-02-02T10"), "http");

        assertThat(buckets(monday9, "dispatchLatency")).containsExactly(tuple(86_400_000L, 1L));
        assertThat(monday9.getLong("warning")).isEqualTo(1);
        assertThat(buckets(saturday9, "dispatchLatency")).containsExactly(tuple(3_600_000L, 1L));
        assertThat(buckets(saturday9, "queueWait")).containsExactly(tuple(10_000L, 1L));
        assertThat(buckets(monday10, "queueWait")).containsExactly(tuple(20_000L, 1L));
        assertThat(store.documents("analytics_fleet")).extracting(d -> d.getString("_id")).containsExactly(
                "2026-01-30T09", "2026-01-30T10", "2026-01-30T11", "2026-01-31T09", "2026-01-31T15",
                "2026-02-01T12", "2026-02-01T13", "2026-02-01T14", "2026-02-02T08", "2026-02-02T09",
                "2026-02-02T10");
    }

    private static Document type(Document hour, String type) {
        return hour.getList("types", Document.class).stream().filter(t -> t.getString("type").equals(type))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " in " + hour.toJson()));
    }

    private static List<Tuple> buckets(Document stats, String histogram) {
        return stats.get(histogram, Document.class).getList("buckets", Document.class).stream()
                .map(b -> tuple(b.getLong("le"), b.getLong("n"))).toList();
    }

    private static Date at(String instant) {
        return Date.from(Instant.parse(instant));
    }
}
