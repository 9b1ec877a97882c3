package io.aviary.query.analytics;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.aviary.query.analytics.AnalyticsResults.Attempts;
import io.aviary.query.analytics.AnalyticsResults.Fleet;
import io.aviary.query.analytics.AnalyticsResults.Rates;
import io.aviary.query.analytics.AnalyticsResults.TaskTypeStats;
import io.aviary.query.analytics.AnalyticsResults.Utilisation;
import io.aviary.query.analytics.AnalyticsResults.WorkerUtilisation;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.aviary.query.analytics.DailyAnalyticsQueries.number;

/**
 * Reads {@code analytics_fleet} (one document per UTC hour, {@code _id = yyyy-MM-ddTHH}) by {@code _id}, without the
 * per-task watermarks, and merges the hours of a range: counts add up, histograms merge bucket by bucket.
 */
@Component
class FleetAnalyticsQueries {

    private static final long HOUR_MS = 3_600_000L;

    private final MongoCollection<Document> fleet;
    private final MongoCollection<Document> workers;

    FleetAnalyticsQueries(MongoDatabase database) {
        this.fleet = database.getCollection("analytics_fleet");
        this.workers = database.getCollection("workers");
    }

    Fleet fleet(LocalDate from, LocalDate to) {
        List<String> hours = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (int hour = 0; hour < 24; hour++) {
                hours.add(String.format("%sT%02d", day, hour));
            }
        }
        Map<String, TypeTotals> types = new TreeMap<>();
        Map<String, long[]> busy = new TreeMap<>();
        fleet.find(Filters.in("_id", hours)).projection(Projections.exclude("tasks")).forEach(doc -> {
            for (Document type : doc.getList("types", Document.class, List.of())) {
                types.computeIfAbsent(type.getString("type"), name -> new TypeTotals()).add(type);
            }
            for (Document worker : doc.getList("workers", Document.class, List.of())) {
                long[] totals = busy.computeIfAbsent(worker.getString("workerId"), id -> new long[2]);
                totals[0] += number(worker, "busyMs");
                totals[1] += number(worker, "attempts");
            }
        });
        long wallMs = hours.size() * HOUR_MS;
        List<TaskTypeStats> stats = new ArrayList<>();
        types.forEach((type, totals) -> stats.add(totals.stats(type, hours.size())));
        return new Fleet(from, to, hours.size(), stats, utilisation(busy, wallMs));
    }

    private Utilisation utilisation(Map<String, long[]> busy, long wallMs) {
        Map<String, String> names = new HashMap<>();
        if (!busy.isEmpty()) {
            workers.find(Filters.in("_id", List.copyOf(busy.keySet()))).projection(Projections.include("name"))
                    .forEach(doc -> names.put(doc.getString("_id"), doc.getString("name")));
        }
        List<WorkerUtilisation> perWorker = new ArrayList<>();
        busy.forEach((workerId, totals) -> perWorker.add(new WorkerUtilisation(workerId, names.get(workerId),
                totals[0], totals[1], (double) totals[0] / wallMs)));
        double average = perWorker.stream().mapToDouble(WorkerUtilisation::utilisation).average().orElse(0);
        return new Utilisation(average, perWorker);
    }

    /** One task type's counts and histograms over the hours read. */
    private static final class TypeTotals {
        long created;
        long completed;
        long success;
        long warning;
        long failure;
        long timedOut;
        long deadLettered;
        long cancelled;
        final Histogram dispatchLatency = new Histogram();
        final Histogram queueWait = new Histogram();

        void add(Document type) {
            created += number(type, "created");
            completed += number(type, "completed");
            success += number(type, "success");
            warning += number(type, "warning");
            failure += number(type, "failure");
            timedOut += number(type, "timedOut");
            deadLettered += number(type, "deadLettered");
            cancelled += number(type, "cancelled");
            dispatchLatency.add(type.get("dispatchLatency", Document.class));
            queueWait.add(type.get("queueWait", Document.class));
        }

        TaskTypeStats stats(String type, long hours) {
            long reported = success + warning + failure + timedOut;
            Rates rates = reported == 0 ? new Rates(0, 0, 0) : new Rates((double) success / reported,
                    (double) warning / reported, (double) (failure + timedOut) / reported);
            return new TaskTypeStats(type, created, completed, (double) completed / hours,
                    new Attempts(success, warning, failure, timedOut), rates, deadLettered, cancelled,
                    dispatchLatency.durations(), queueWait.durations());
        }
    }
}
