package io.aviary.projections.apply;

import io.aviary.events.task.Outcome;

import java.time.Duration;

import static io.aviary.projections.apply.EconomyFeed.taskId;
import static io.aviary.projections.apply.EconomyFeed.workerId;

/**
 * Four days of a small economy across a month boundary (Fri 2026-01-30 .. Mon 2026-02-02; ISO week 5 ends on
 * Sun 02-01), three workers, nine tasks. The expectations of the analytics tests are computed by hand from this
 * table (balances after each movement in brackets):
 *
 * <pre>
 * Fri 01-30  t1 noop  fee 10 reward 40: 09:00 created, 09:00:02 -> alice (-10), start :05, SUCCESS :10 (+40 = 30)
 *            t2 noop  fee 20 reward 25: 10:00 created, 10:00:01 -> bob (-20), start :03, WARNING :08 (+25 = 5)
 *            t3 http  fee 15 reward 30: 11:00 created, 11:00:30 -> carol (-15), start 11:01, FAILURE 11:01:30,
 *                                       retry not before 11:01:31, 11:01:40 -> alice (15), start :45,
 *                                       SUCCESS 11:02 (45)
 *            fees 60, rewards 95, earnings -35, completed 3, most expensive t1 (40)
 *            close 01-30 at 01-31 00:05: alice 45 paid out, bob 5 paid out, carol -15 (negative: 1, paid out 50)
 * Sat 01-31  t4 noop  fee 18 reward 38: 09:00 created, 09:00:10 -> bob (-18), 09:30 shuffled -> carol (-33),
 *                                       start :05, SUCCESS 09:30:35 (5)
 *            t5 http  fee 12 reward 22: 15:00 created, 15:00:02 -> alice (-12), start :04, SUCCESS :24 (10)
 *            fees 48, rewards 60, earnings -12, completed 2, most expensive t4 (38)
 *            close 01-31 at 02-01 00:05: alice 10 paid, bob -18, carol 5 paid (negative: 1, paid out 15)
 * Sun 02-01  t6 noop  fee 20 reward 39: 12:00 created, 12:00:01 -> alice (-20), start :11, SUCCESS :31 (19)
 *            t7 noop  fee 11 reward 21: 13:00 created, 13:00:01 -> bob (-29)
 *            t9 http  fee 17 reward 33: 14:00 created, 14:00:05 -> carol (-17)
 *            fees 48, rewards 39, earnings 9, completed 1, most expensive t6 (39)
 *            close 02-01 at 02-02 00:05: alice 19 paid, bob -29, carol -17 (negative: 2, paid out 19)
 * Mon 02-02  t8 http  fee 16 reward 35: 08:00 created, 08:00:01 -> carol (-33), start :02, SUCCESS :12 (2)
 *            t7: 09:00 started by bob, WARNING 09:00:30 (-8)
 *            t9: 10:00 requeued (carol down), 10:00:20 -> alice (-17)
 *            fees 33, rewards 56, earnings -23, completed 2, most expensive t8 (35); not closed
 * Balances at the end: alice -17, bob -8, carol 2.
 * </pre>
 */
public final class EconomyScenario {

    public static final String ALICE = workerId("alice");
    public static final String BOB = workerId("bob");
    public static final String CAROL = workerId("carol");
    public static final String T1 = taskId("t1");
    public static final String T2 = taskId("t2");
    public static final String T3 = taskId("t3");
    public static final String T4 = taskId("t4");
    public static final String T5 = taskId("t5");
    public static final String T6 = taskId("t6");
    public static final String T7 = taskId("t7");
    public static final String T8 = taskId("t8");
    public static final String T9 = taskId("t9");

    private EconomyScenario() {
    }

    public static EconomyFeed feed() {
        EconomyFeed feed = new EconomyFeed().at("2026-01-29T08:00:00Z")
                .worker("alice", "noop", "http").worker("bob", "noop").worker("carol", "noop", "http");
        // Fri 2026-01-30
        feed.at("2026-01-30T09:00:00Z").created(T1, "noop", 10, 40)
                .at("2026-01-30T09:00:02Z").assigned(T1, ALICE)
                .at("2026-01-30T09:00:05Z").started(T1)
                .at("2026-01-30T09:00:10Z").completed(T1, Outcome.SUCCESS)
                .at("2026-01-30T10:00:00Z").created(T2, "noop", 20, 25)
                .at("2026-01-30T10:00:01Z").assigned(T2, BOB)
                .at("2026-01-30T10:00:03Z").started(T2)
                .at("2026-01-30T10:00:08Z").completed(T2, Outcome.WARNING)
                .at("2026-01-30T11:00:00Z").created(T3, "http", 15, 30)
                .at("2026-01-30T11:00:30Z").assigned(T3, CAROL)
                .at("2026-01-30T11:01:00Z").started(T3)
                .at("2026-01-30T11:01:30Z").completed(T3, Outcome.FAILURE).retryScheduled(T3, 1, Duration.ofSeconds(1))
                .at("2026-01-30T11:01:40Z").assigned(T3, ALICE)
                .at("2026-01-30T11:01:45Z").started(T3)
                .at("2026-01-30T11:02:00Z").completed(T3, Outcome.SUCCESS)
                .at("2026-01-31T00:05:00Z").closed("2026-01-30");
        // Sat 2026-01-31
        feed.at("2026-01-31T09:00:00Z").created(T4, "noop", 18, 38)
                .at("2026-01-31T09:00:10Z").assigned(T4, BOB)
                .at("2026-01-31T09:30:00Z").reassigned(T4, CAROL)
                .at("2026-01-31T09:30:05Z").started(T4)
                .at("2026-01-31T09:30:35Z").completed(T4, Outcome.SUCCESS)
                .at("2026-01-31T15:00:00Z").created(T5, "http", 12, 22)
                .at("2026-01-31T15:00:02Z").assigned(T5, ALICE)
                .at("2026-01-31T15:00:04Z").started(T5)
                .at("2026-01-31T15:00:24Z").completed(T5, Outcome.SUCCESS)
                .at("2026-02-01T00:05:00Z").closed("2026-01-31");
        // Sun 2026-02-01
        feed.at("2026-02-01T12:00:00Z").created(T6, "noop", 20, 39)
                .at("2026-02-01T12:00:01Z").assigned(T6, ALICE)
                .at("2026-02-01T12:00:11Z").started(T6)
                .at("2026-02-01T12:00:31Z").completed(T6, Outcome.SUCCESS)
                .at("2026-02-01T13:00:00Z").created(T7, "noop", 11, 21)
                .at("2026-02-01T13:00:01Z").assigned(T7, BOB)
                .at("2026-02-01T14:00:00Z").created(T9, "http", 17, 33)
                .at("2026-02-01T14:00:05Z").assigned(T9, CAROL)
                .at("2026-02-02T00:05:00Z").closed("2026-02-01");
        // Mon 2026-02-02
        feed.at("2026-02-02T08:00:00Z").created(T8, "http", 16, 35)
                .at("2026-02-02T08:00:01Z").assigned(T8, CAROL)
                .at("2026-02-02T08:00:02Z").started(T8)
                .at("2026-02-02T08:00:12Z").completed(T8, Outcome.SUCCESS)
                .at("2026-02-02T09:00:00Z").started(T7)
                .at("2026-02-02T09:00:30Z").completed(T7, Outcome.WARNING)
                .at("2026-02-02T10:00:00Z").requeued(T9)
                .at("2026-02-02T10:00:20Z").assigned(T9, ALICE);
        return feed;
    }
}
