package io.aviary.query;

import io.aviary.events.worker.WorkerIds;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Economy read-model documents in the shapes the projections app writes (projections/READ_MODELS.md), with the
 * figures the projections compute for their {@code EconomyScenario}: four days, 2026-01-30 .. 2026-02-02, workers
 * alice, bob and carol, tasks t1..t9 (see that class's table).
 */
public final class EconomyFixtures {

    public static final String ALICE = WorkerIds.forName("alice");
    public static final String BOB = WorkerIds.forName("bob");
    public static final String CAROL = WorkerIds.forName("carol");
    public static final String T1 = task("t1");
    public static final String T3 = task("t3");
    public static final String T4 = task("t4");
    public static final String T5 = task("t5");
    public static final String T6 = task("t6");
    public static final String T8 = task("t8");
    public static final String T9 = task("t9");

    private EconomyFixtures() {
    }

    public static String task(String name) {
        return UUID.nameUUIDFromBytes(("task:" + name).getBytes()).toString();
    }

    public static Date at(String instant) {
        return Date.from(Instant.parse(instant));
    }

    public static Document account(String workerId, long balance, long charged, long credited, long paidOut,
                                   String first, String last) {
        return new Document("_id", workerId)
                .append("accountId", "account-of-" + workerId)
                .append("balance", balance)
                .append("totals", new Document("charged", charged).append("credited", credited)
                        .append("paidOut", paidOut))
                .append("movements", 12L)
                .append("openedAt", at("2026-01-29T08:00:00Z"))
                .append("firstMovementAt", at(first))
                .append("lastMovementAt", at(last))
                .append("lastClosedCycle", "2026-02-01")
                .append("balanceAtLastClose", 19L)
                .append("seq", 20L);
    }

    public static Document movement(long seq, String kind, long amount, String taskId, String reason, String at,
                                    Long balanceAfter, String cycleDate) {
        return new Document("seq", seq).append("kind", kind).append("amount", amount).append("taskId", taskId)
                .append("attempt", taskId == null ? null : 1).append("reason", reason).append("at", at(at))
                .append("balanceAfter", balanceAfter).append("cycleDate", cycleDate);
    }

    /** Account sequences per audit bucket, as the projection cuts a day ({@code AuditBucket.SIZE}). */
    public static final int AUDIT_BUCKET = 500;

    /** A worker's UTC day as the audit projection stores it: the day document, then its buckets. */
    public static List<Document> auditDay(String workerId, String date, Document... movements) {
        return auditDay(workerId, date, List.of(), List.of(movements));
    }

    /**
     * A worker's UTC day: the day document counting the movements of each bucket ({@code buckets: {"<n>": count}}),
     * holding {@code legacy} itself (a day written before buckets existed; none: no {@code count} nor
     * {@code movements}), then the buckets {@code <workerId>:<date>:<seq / 500>} holding {@code bucketed}.
     */
    public static List<Document> auditDay(String workerId, String date, List<Document> legacy,
                                          List<Document> bucketed) {
        TreeMap<Long, List<Document>> buckets = new TreeMap<>();
        bucketed.forEach(m -> buckets.computeIfAbsent(m.getLong("seq") / AUDIT_BUCKET, n -> new ArrayList<>()).add(m));
        Document counts = new Document();
        buckets.forEach((n, movements) -> counts.append(n.toString(), movements.size()));
        Document day = new Document("_id", workerId + ":" + date).append("workerId", workerId)
                .append("accountId", "account-of-" + workerId).append("date", date);
        if (!legacy.isEmpty()) {
            day.append("count", legacy.size()).append("movements", legacy);
        }
        List<Document> documents = new ArrayList<>(List.of(day.append("buckets", counts)));
        buckets.forEach((n, movements) -> documents.add(new Document("_id", workerId + ":" + date + ":" + n)
                .append("workerId", workerId).append("accountId", "account-of-" + workerId).append("date", date)
                .append("bucket", n).append("count", movements.size()).append("movements", movements)));
        return documents;
    }

    /** alice's movements over the four days: 12, as the audit projection stores them. */
    public static List<Document> aliceAudit() {
        return Stream.of(
                auditDay(ALICE, "2026-01-30",
                        movement(2, "charge", -10, T1, "assignment", "2026-01-30T09:00:02Z", -10L, null),
                        movement(3, "credit", 40, T1, "completion", "2026-01-30T09:00:10Z", 30L, null),
                        movement(4, "charge", -15, T3, "assignment", "2026-01-30T11:01:40Z", 15L, null),
                        movement(5, "credit", 30, T3, "completion", "2026-01-30T11:02:00Z", 45L, null)),
                auditDay(ALICE, "2026-01-31",
                        movement(7, "payout", -45, null, "payout", "2026-01-31T00:05:00Z", null, "2026-01-30"),
                        movement(8, "charge", -12, T5, "assignment", "2026-01-31T15:00:02Z", -12L, null),
                        movement(9, "credit", 22, T5, "completion", "2026-01-31T15:00:24Z", 10L, null)),
                auditDay(ALICE, "2026-02-01",
                        movement(11, "payout", -10, null, "payout", "2026-02-01T00:05:00Z", null, "2026-01-31"),
                        movement(12, "charge", -20, T6, "assignment", "2026-02-01T12:00:01Z", -20L, null),
                        movement(13, "credit", 39, T6, "completion", "2026-02-01T12:00:31Z", 19L, null)),
                auditDay(ALICE, "2026-02-02",
                        movement(15, "payout", -19, null, "payout", "2026-02-02T00:05:00Z", null, "2026-02-01"),
                        movement(16, "charge", -17, T9, "assignment", "2026-02-02T10:00:20Z", -17L, null)))
                .flatMap(List::stream).toList();
    }

    public static Document day(String date, long fees, long rewards, long completed, long paidOut, long closed,
                               Long negative, String topTask, long topReward, String topAt) {
        return new Document("_id", date).append("date", date)
                .append("feesCharged", fees).append("rewardsPaid", rewards).append("earnings", fees - rewards)
                .append("charges", 3L).append("tasksCompleted", completed).append("paidOut", paidOut)
                .append("accountsClosed", closed).append("negativeBalances", negative)
                .append("mostExpensiveTask", topTask == null ? null : new Document("taskId", topTask)
                        .append("completionReward", topReward).append("completedAt", at(topAt)))
                .append("accounts", new Document(ALICE, new Document("seq", 5L).append("fees", 25L)));
    }

    /** The four days of the scenario. */
    public static List<Document> days() {
        return List.of(
                day("2026-01-30", 60, 95, 3, 50, 3, 1L, T1, 40, "2026-01-30T09:00:10Z"),
                day("2026-01-31", 48, 60, 2, 15, 3, 1L, T4, 38, "2026-01-31T09:30:35Z"),
                day("2026-02-01", 48, 39, 1, 19, 3, 2L, T6, 39, "2026-02-01T12:00:31Z"),
                day("2026-02-02", 33, 56, 2, 0, 0, null, T8, 35, "2026-02-02T08:00:12Z"));
    }

    public static Document cycle(String date, String closedAt, Document... accounts) {
        long negative = List.of(accounts).stream().filter(a -> a.getLong("balance") < 0).count();
        long paid = List.of(accounts).stream().mapToLong(a -> a.getLong("payout")).sum();
        return new Document("_id", date).append("date", date).append("accountsClosed", (long) accounts.length)
                .append("negativeBalances", negative).append("paidOut", paid).append("closedAt", at(closedAt))
                .append("accounts", List.of(accounts));
    }

    public static Document cycleAccount(String workerId, long balance, long payout, String closedAt) {
        return new Document("workerId", workerId).append("accountId", "account-of-" + workerId)
                .append("balance", balance).append("payout", payout).append("closedAt", at(closedAt))
                .append("paidAt", payout > 0 ? at(closedAt) : null);
    }

    /**
     * A histogram as the projection stores it, from pairs of (duration in ms, upper bound of its bucket; 0 for the
     * unbounded one), buckets in ascending order.
     */
    public static Document histogram(long... valueAndBound) {
        TreeMap<Long, Long> counts = new TreeMap<>();
        long sum = 0;
        long max = 0;
        for (int i = 0; i < valueAndBound.length; i += 2) {
            sum += valueAndBound[i];
            max = Math.max(max, valueAndBound[i]);
            counts.merge(valueAndBound[i + 1] == 0 ? Long.MAX_VALUE : valueAndBound[i + 1], 1L, Long::sum);
        }
        List<Document> buckets = new ArrayList<>();
        counts.forEach((le, n) -> buckets.add(new Document("le", le == Long.MAX_VALUE ? null : le).append("n", n)));
        return new Document("count", (long) valueAndBound.length / 2).append("sumMs", sum).append("maxMs", max)
                .append("buckets", buckets);
    }

    public static Document typeStats(String type, long created, long completed, long success, long warning,
                                     long failure, Document dispatchLatency, Document queueWait) {
        return new Document("type", type).append("created", created).append("completed", completed)
                .append("success", success).append("warning", warning).append("failure", failure)
                .append("timedOut", 0L).append("deadLettered", 0L).append("cancelled", 0L)
                .append("dispatchLatency", dispatchLatency).append("queueWait", queueWait);
    }

    public static Document busy(String workerId, long busyMs) {
        return new Document("workerId", workerId).append("busyMs", busyMs).append("attempts", 1L);
    }

    public static Document hour(String id, List<Document> types, List<Document> workers) {
        return new Document("_id", id).append("hour", at(id + ":00:00Z")).append("date", id.substring(0, 10))
                .append("types", types).append("workers", workers)
                .append("tasks", new Document(task("any"), 3L));
    }

    public static Document none() {
        return histogram();
    }
}
