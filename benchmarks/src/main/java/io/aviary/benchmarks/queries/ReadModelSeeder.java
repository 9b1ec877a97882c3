package io.aviary.benchmarks.queries;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import io.aviary.events.account.AccountIds;
import io.aviary.events.worker.WorkerIds;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * Fills the read models for scenario 5 directly with the driver, for setup speed (through events it would take hours
 * at the platform's rates): documents in the shapes the projections write (projections/READ_MODELS.md) — workers
 * with their queues (a full 100-entry history each) and accounts, tasks in every status with their timelines, and
 * the analytics days and hours the tasks fall into. Tops up what is already there to the asked sizes.
 */
public final class ReadModelSeeder {

    static final String[] TYPES = {"noop", "sleep", "http", "report", "email"};
    static final int DAYS = 30;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private final MongoDatabase database;
    private final Random random = new Random(7);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final List<String> workerIds = new ArrayList<>();
    private final List<String> taskIds = new ArrayList<>();

    public ReadModelSeeder(MongoDatabase database) {
        this.database = database;
    }

    /** Seeded worker ids (for the per-worker endpoints). */
    public List<String> workerIds() {
        return workerIds;
    }

    /** A sample of seeded task ids (for the per-task endpoint). */
    public List<String> taskIds() {
        return taskIds;
    }

    /** Inserts workers (+ queues, accounts) and tasks until there are {@code workers} and {@code tasks}. */
    public void seed(int workers, int tasks, IntConsumer taskProgress) {
        MongoCollection<Document> workerCollection = database.getCollection("workers");
        long existingWorkers = workerCollection.countDocuments(Filters.exists("name"));
        int newWorkers = (int) Math.max(0, workers - existingWorkers);
        List<Document> batchWorkers = new ArrayList<>();
        List<Document> batchQueues = new ArrayList<>();
        List<Document> batchAccounts = new ArrayList<>();
        for (int i = 0; i < newWorkers; i++) {
            String name = "bench-query-worker-" + (i + 1);
            String id = WorkerIds.forName(name);
            workerIds.add(id);
            batchWorkers.add(worker(id, name));
            batchQueues.add(queue(id));
            batchAccounts.add(account(id));
            if (batchWorkers.size() == 500) {
                insert("workers", batchWorkers);
                insert("worker_queues", batchQueues);
                insert("accounts", batchAccounts);
            }
        }
        insert("workers", batchWorkers);
        insert("worker_queues", batchQueues);
        insert("accounts", batchAccounts);
        if (workerIds.isEmpty()) {
            workerCollection.find(Filters.exists("name")).projection(Projections.include("_id")).limit(1000)
                    .forEach(d -> workerIds.add(d.getString("_id")));
        }

        long existingTasks = database.getCollection("tasks").estimatedDocumentCount();
        int newTasks = (int) Math.max(0, tasks - existingTasks);
        List<Document> batch = new ArrayList<>(1000);
        for (int i = 0; i < newTasks; i++) {
            Document task = task();
            if (taskIds.size() < 10_000) {
                taskIds.add(task.getString("_id"));
            }
            batch.add(task);
            if (batch.size() == 1000) {
                insert("tasks", batch);
                taskProgress.accept(i + 1);
            }
        }
        insert("tasks", batch);
        seedAnalytics();
    }

    private void insert(String collection, List<Document> documents) {
        if (!documents.isEmpty()) {
            database.getCollection(collection).insertMany(documents, new InsertManyOptions().ordered(false));
            documents.clear();
        }
    }

    private Document worker(String id, String name) {
        int roll = random.nextInt(100);
        String state = roll < 60 ? "AVAILABLE" : roll < 80 ? "WORKING" : roll < 85 ? "DRAINING" : roll < 90
                ? "UPDATING" : roll < 95 ? "DOWN" : "DEREGISTERED";
        List<String> types = new ArrayList<>(List.of("noop"));
        types.add(TYPES[1 + random.nextInt(TYPES.length - 1)]);
        Date registered = date(randomPast());
        Document outcomes = new Document();
        for (String type : new TreeSet<>(types)) {
            outcomes.append(type, new Document("taskId", UUID.randomUUID().toString()).append("outcome", "SUCCESS")
                    .append("status", "COMPLETED").append("at", date(randomPast())));
        }
        return new Document("_id", id)
                .append("name", name)
                .append("hardwareId", "bench-hw-" + name)
                .append("state", state)
                .append("stateReason", "registered")
                .append("slots", 4)
                .append("maxQueue", 8)
                .append("taskTypes", types)
                .append("labels", new Document())
                .append("registeredAt", registered)
                .append("updatedAt", registered)
                .append("seq", 0L)
                .append("lastOutcomes", outcomes);
    }

    private Document queue(String workerId) {
        List<Document> history = new ArrayList<>(100);
        Instant finished = now;
        for (int i = 0; i < 100; i++) {
            finished = finished.minusSeconds(30 + random.nextInt(600));
            history.add(queueEntry(UUID.randomUUID().toString(), "SUCCESS", finished.minusMillis(400), finished));
        }
        List<Document> current = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            current.add(queueEntry(UUID.randomUUID().toString(), "RUNNING", now.minusSeconds(i), null));
        }
        return new Document("_id", workerId).append("current", current).append("history", history)
                .append("updatedAt", date(now));
    }

    private Document queueEntry(String taskId, String status, Instant assigned, Instant finished) {
        return new Document("taskId", taskId).append("attempt", 1).append("type", TYPES[random.nextInt(TYPES.length)])
                .append("priority", 0).append("status", status).append("assignedAt", date(assigned))
                .append("startedAt", date(assigned.plusMillis(20))).append("finishedAt", date(finished))
                .append("message", null);
    }

    private Document account(String workerId) {
        long charged = 10L * (50 + random.nextInt(500));
        long credited = 20L * (20 + random.nextInt(300));
        Instant opened = randomPast();
        return new Document("_id", workerId)
                .append("accountId", AccountIds.forWorker(workerId))
                .append("balance", credited - charged)
                .append("totals", new Document("charged", charged).append("credited", credited).append("paidOut", 0L))
                .append("movements", 300L)
                .append("openedAt", date(opened))
                .append("firstMovementAt", date(opened.plusSeconds(60)))
                .append("lastMovementAt", date(now))
                .append("lastClosedCycle", null)
                .append("balanceAtLastClose", null)
                .append("seq", 300L);
    }

    private Document task() {
        String id = UUID.randomUUID().toString();
        String type = TYPES[random.nextInt(TYPES.length)];
        int roll = random.nextInt(100);
        String status = roll < 85 ? "COMPLETED" : roll < 88 ? "QUEUED" : roll < 90 ? "ASSIGNED" : roll < 93
                ? "RUNNING" : roll < 95 ? "RETRY_SCHEDULED" : roll < 98 ? "DEAD_LETTERED" : "CANCELLED";
        String workerId = status.equals("QUEUED") || status.equals("CANCELLED") ? null
                : workerIds.get(random.nextInt(workerIds.size()));
        Instant created = randomPast();
        List<Document> timeline = new ArrayList<>();
        timeline.add(entry("TaskCreated", "QUEUED", 0, null, created, null));
        int attempt = workerId == null ? 0 : 1;
        String outcome = null;
        String message = null;
        Instant last = created;
        if (workerId != null) {
            last = created.plusMillis(5);
            timeline.add(entry("TaskAssigned", "ASSIGNED", 1, workerId, last, null));
            if (!status.equals("ASSIGNED")) {
                last = last.plusMillis(10);
                timeline.add(entry("TaskStarted", "RUNNING", 1, workerId, last, null));
            }
            switch (status) {
                case "COMPLETED" -> {
                    last = last.plusMillis(200);
                    outcome = "SUCCESS";
                    timeline.add(entry("TaskCompleted", "COMPLETED", 1, workerId, last, "SUCCESS"));
                }
                case "RETRY_SCHEDULED", "DEAD_LETTERED" -> {
                    last = last.plusMillis(200);
                    outcome = "FAILURE";
                    message = "exit code 1";
                    timeline.add(entry("TaskCompleted", "RUNNING", 1, workerId, last, "FAILURE: exit code 1"));
                    timeline.add(status.equals("DEAD_LETTERED")
                            ? entry("TaskDeadLettered", "DEAD_LETTERED", 1, workerId, last, "after 1 failure(s)")
                            : entry("TaskRetryScheduled", "RETRY_SCHEDULED", 1, workerId, last,
                            "retry at " + last.plusMillis(500)));
                }
                default -> {
                }
            }
        } else if (status.equals("CANCELLED")) {
            last = created.plusSeconds(1);
            message = "not needed";
            timeline.add(entry("TaskCancelled", "CANCELLED", 0, null, last, "not needed"));
        }
        return new Document("_id", id)
                .append("type", type)
                .append("status", status)
                .append("attempt", attempt)
                .append("outcome", outcome)
                .append("workerId", workerId)
                .append("priority", random.nextInt(3))
                .append("payload", new Document())
                .append("requiredLabels", new Document())
                .append("maxAttempts", 3)
                .append("timeoutMs", 60_000L)
                .append("idempotencyKey", null)
                .append("failures", status.equals("RETRY_SCHEDULED") || status.equals("DEAD_LETTERED") ? 1 : 0)
                .append("assignmentFee", 10 + random.nextInt(11))
                .append("completionReward", 20 + random.nextInt(21))
                .append("createdAt", date(created))
                .append("updatedAt", date(last))
                .append("notBefore", status.equals("RETRY_SCHEDULED") ? date(last.plusMillis(500)) : null)
                .append("message", message)
                .append("output", outcome == null ? null : new Document())
                .append("timeline", timeline)
                .append("seq", (long) timeline.size() - 1);
    }

    private static Document entry(String event, String status, int attempt, String workerId, Instant at,
                                  String detail) {
        return new Document("event", event).append("status", status).append("attempt", attempt)
                .append("workerId", workerId).append("at", date(at)).append("detail", detail);
    }

    /** Analytics days and hours of the seeded period that no projection has written yet. */
    private void seedAnalytics() {
        MongoCollection<Document> daily = database.getCollection("analytics_daily");
        Set<String> existingDays = new HashSet<>();
        daily.find().projection(Projections.include("_id")).forEach(d -> existingDays.add(d.getString("_id")));
        List<Document> days = new ArrayList<>();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int d = 0; d < DAYS; d++) {
            String date = today.minusDays(d).toString();
            if (!existingDays.contains(date)) {
                days.add(day(date));
            }
        }
        insert("analytics_daily", days);

        MongoCollection<Document> fleet = database.getCollection("analytics_fleet");
        Set<String> existingHours = new HashSet<>();
        fleet.find().projection(Projections.include("_id")).forEach(d -> existingHours.add(d.getString("_id")));
        List<Document> hours = new ArrayList<>();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        for (int h = 0; h < DAYS * 24; h++) {
            String id = HOUR.format(hour.minus(h, ChronoUnit.HOURS));
            if (!existingHours.contains(id)) {
                hours.add(hour(id, hour.minus(h, ChronoUnit.HOURS)));
            }
            if (hours.size() == 50) {
                insert("analytics_fleet", hours);
            }
        }
        insert("analytics_fleet", hours);
    }

    private Document day(String date) {
        Document accounts = new Document();
        long fees = 0;
        long rewards = 0;
        long charges = 0;
        long credits = 0;
        for (int i = 0; i < Math.min(1000, workerIds.size()); i++) {
            long f = 10L * (1 + random.nextInt(30));
            long r = 20L * (1 + random.nextInt(15));
            fees += f;
            rewards += r;
            charges += f / 10;
            credits += r / 20;
            accounts.append(workerIds.get(i), new Document("seq", 100L + i).append("fees", f).append("rewards", r)
                    .append("charges", f / 10).append("credits", r / 20).append("closedBalance", null)
                    .append("payout", null));
        }
        return new Document("_id", date).append("date", date).append("feesCharged", fees)
                .append("rewardsPaid", rewards).append("earnings", fees - rewards).append("charges", charges)
                .append("tasksCompleted", credits).append("paidOut", 0L).append("accountsClosed", 0)
                .append("negativeBalances", null)
                .append("mostExpensiveTask", new Document("taskId", UUID.randomUUID().toString())
                        .append("completionReward", 40).append("completedAt", date(now)))
                .append("accounts", accounts);
    }

    private Document hour(String id, Instant hour) {
        List<Document> types = new ArrayList<>();
        for (String type : new TreeSet<>(List.of(TYPES))) {
            types.add(new Document("type", type).append("created", 280).append("completed", 270)
                    .append("success", 265).append("warning", 5).append("failure", 8).append("timedOut", 1)
                    .append("deadLettered", 2).append("cancelled", 3)
                    .append("dispatchLatency", histogram()).append("queueWait", histogram()));
        }
        // Sorted by workerId, as the projection keeps them.
        TreeSet<String> busy = new TreeSet<>();
        for (int i = 0; i < Math.min(200, workerIds.size()); i++) {
            busy.add(workerIds.get(random.nextInt(workerIds.size())));
        }
        List<Document> workers = new ArrayList<>();
        for (String w : busy) {
            workers.add(new Document("workerId", w).append("busyMs", 60_000L + random.nextInt(600_000))
                    .append("attempts", 5 + random.nextInt(20)));
        }
        Document tasks = new Document();
        for (int i = 0; i < 1400; i++) {
            tasks.append(UUID.randomUUID().toString(), 3L);
        }
        return new Document("_id", id).append("hour", date(hour)).append("date", id.substring(0, 10))
                .append("types", types).append("workers", workers).append("tasks", tasks);
    }

    private Document histogram() {
        List<Document> buckets = new ArrayList<>();
        long[] bounds = {1, 2, 5, 10, 20, 50, 100, 200, 500};
        long count = 0;
        for (long le : bounds) {
            long n = random.nextInt(60);
            count += n;
            if (n > 0) {
                buckets.add(new Document("le", le).append("n", n));
            }
        }
        return new Document("count", count).append("sumMs", count * 40).append("maxMs", 480L).append("buckets",
                buckets);
    }

    private Instant randomPast() {
        return now.minusMillis((long) (random.nextDouble() * DAYS * 24 * 3600 * 1000L));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
