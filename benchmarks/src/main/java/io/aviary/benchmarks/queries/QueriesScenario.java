package io.aviary.benchmarks.queries;

import io.aviary.benchmarks.BenchmarkOptions;
import io.aviary.benchmarks.Progress;
import io.aviary.benchmarks.report.ScenarioReport;
import io.aviary.benchmarks.report.Target;
import io.aviary.benchmarks.rig.QueryApi;
import io.aviary.benchmarks.rig.Rig;
import io.aviary.benchmarks.stats.Percentiles;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Scenario 5: the query API's list and filter endpoints with {@code --query-workers} workers and
 * {@code --query-tasks} tasks in the read models (seeded by {@link ReadModelSeeder}). Each endpoint is called one
 * request at a time (after one unmeasured call) until {@code --query-requests} answers or {@code --query-time-limit}
 * (at least 3); p50/p99/max of the whole answer as a client sees it.
 */
public final class QueriesScenario {

    private final Rig rig;
    private final BenchmarkOptions options;
    private final Progress progress;
    private final ScenarioReport report;
    private final Random random = new Random(11);

    public QueriesScenario(Rig rig, Progress progress, ScenarioReport report) {
        this.rig = rig;
        this.options = rig.options();
        this.progress = progress;
        this.report = report;
    }

    /** One endpoint: a label and the path of each call (ids vary per call). */
    private record Endpoint(String label, Supplier<String> path) {
    }

    public void run() {
        report.setting("workers", options.queryWorkers()).setting("tasks", options.queryTasks())
                .setting("requestsPerEndpointAndRun", options.queryRequests())
                .setting("timeLimitPerEndpointAndRun", BenchmarkOptions.text(options.queryTimeLimit()));
        report.note("Setup: documents inserted directly with the official driver in the shapes the projections write "
                + "(READ_MODELS.md), for speed: workers (60 % AVAILABLE, 20 % WORKING, 5 % each DRAINING, UPDATING, "
                + "DOWN, DEREGISTERED) with a 100-entry queue history and an account each; tasks (85 % COMPLETED, the "
                + "rest spread over the other statuses) of 5 types over 30 days, with timelines; 30 analytics days "
                + "and 720 analytics hours. Existing documents (earlier scenarios) count towards the sizes.");
        report.note("On mongo-java-server every filter but _id scans (ADR 4, READ_MODELS.md 'Queries and indexes'): "
                + "the list endpoints by state/status/type/workerId and the open-cycle negative-balances count scan "
                + "the collection; by-id, queue, earnings, fleet and most-expensive-task read by _id.");
        ReadModelSeeder seeder = new ReadModelSeeder(rig.readModels().database());
        progress.say("5. seeding the read models: %,d workers, %,d tasks (direct inserts)", options.queryWorkers(),
                options.queryTasks());
        long began = System.nanoTime();
        seeder.seed(options.queryWorkers(), options.queryTasks(), done -> {
            if (done % 100_000 == 0) {
                progress.say("   %,d tasks inserted", done);
            }
        });
        double seedSeconds = (System.nanoTime() - began) / 1e9;
        long tasks = rig.readModels().tasks().estimatedDocumentCount();
        long workers = rig.readModels().database().getCollection("workers").estimatedDocumentCount();
        report.setting("tasksInReadModel", tasks).setting("workerDocumentsInReadModel", workers)
                .setting("seedSeconds", Math.round(seedSeconds));
        progress.say("5. seeded in %.0f s: %,d tasks, %,d worker documents", seedSeconds, tasks, workers);

        List<String> workerIds = seeder.workerIds();
        List<String> taskIds = seeder.taskIds().isEmpty() ? List.of("00000000-0000-0000-0000-000000000000")
                : seeder.taskIds();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET /workers?state=AVAILABLE", () -> "/api/v1/workers?state=AVAILABLE"),
                new Endpoint("GET /workers?state=DRAINING&taskType=sleep",
                        () -> "/api/v1/workers?state=DRAINING&taskType=sleep"),
                new Endpoint("GET /workers/{id}", () -> "/api/v1/workers/" + any(workerIds)),
                new Endpoint("GET /workers/{id}/queue?view=history",
                        () -> "/api/v1/workers/" + any(workerIds) + "/queue?view=history"),
                new Endpoint("GET /tasks?status=RUNNING", () -> "/api/v1/tasks?status=RUNNING"),
                new Endpoint("GET /tasks?status=COMPLETED&page=10", () -> "/api/v1/tasks?status=COMPLETED&page=10"),
                new Endpoint("GET /tasks?type=report", () -> "/api/v1/tasks?type=report"),
                new Endpoint("GET /tasks?status=QUEUED&type=http", () -> "/api/v1/tasks?status=QUEUED&type=http"),
                new Endpoint("GET /tasks?workerId={id}", () -> "/api/v1/tasks?workerId=" + any(workerIds)),
                new Endpoint("GET /tasks/{id}", () -> "/api/v1/tasks/" + any(taskIds)),
                new Endpoint("GET /analytics/earnings (30 days)",
                        () -> "/api/v1/analytics/earnings?from=" + today.minusDays(29) + "&to=" + today),
                new Endpoint("GET /analytics/fleet (7 days)",
                        () -> "/api/v1/analytics/fleet?from=" + today.minusDays(6) + "&to=" + today),
                new Endpoint("GET /analytics/most-expensive-task?period=month",
                        () -> "/api/v1/analytics/most-expensive-task?period=month&at=" + today),
                new Endpoint("GET /analytics/negative-balances (open cycle)",
                        () -> "/api/v1/analytics/negative-balances?date=" + today),
                new Endpoint("GET /accounts?page=3", () -> "/api/v1/accounts?page=3"));
        for (int run = 1; run <= options.repeats(); run++) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("run", run);
            for (Endpoint endpoint : endpoints) {
                details.put(endpoint.label(), measure(endpoint));
            }
            report.run(details);
            progress.say("5. run %d/%d done", run, options.repeats());
        }
    }

    private Map<String, Object> measure(Endpoint endpoint) {
        QueryApi api = rig.query();
        api.get(endpoint.path().get()); // warms the endpoint's code path; not measured
        List<Double> millis = new ArrayList<>();
        int errors = 0;
        String lastError = null;
        long deadline = System.nanoTime() + options.queryTimeLimit().toNanos();
        // At least 3 answers per endpoint and run, even past the time limit (a full scan can take seconds).
        while (millis.size() < options.queryRequests() && (System.nanoTime() < deadline || millis.size() < 3)) {
            QueryApi.Answer answer = api.get(endpoint.path().get());
            if (answer.status() == 200) {
                millis.add(answer.millis());
            } else {
                errors++;
                lastError = answer.status() + " " + answer.body();
                if (errors > 10 && millis.isEmpty()) {
                    break;
                }
            }
        }
        Percentiles p = Percentiles.of(millis.stream().mapToDouble(Double::doubleValue).toArray());
        report.metric(endpoint.label() + " p50", "ms").add(p.p50());
        report.metric(endpoint.label() + " p99", "ms", Target.atMost(50, "p99 <= 50 ms")).add(p.p99());
        Map<String, Object> d = new LinkedHashMap<>(p.describe());
        d.put("errors", errors);
        if (lastError != null) {
            d.put("lastError", lastError.length() > 300 ? lastError.substring(0, 300) : lastError);
        }
        progress.say("   %-50s p50 %6.1f ms  p99 %7.1f ms  (%d calls%s)", endpoint.label(), p.p50(), p.p99(),
                p.count(), errors > 0 ? ", " + errors + " errors" : "");
        return d;
    }

    private String any(List<String> ids) {
        return ids.get(random.nextInt(ids.size()));
    }
}
