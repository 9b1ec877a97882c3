package io.aviary.query.analytics;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.aviary.query.analytics.AnalyticsResults.DayEarnings;
import io.aviary.query.analytics.AnalyticsResults.Earnings;
import io.aviary.query.analytics.AnalyticsResults.MostExpensiveTask;
import io.aviary.query.analytics.AnalyticsResults.NegativeBalances;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.aviary.query.mongo.Documents.instant;

/**
 * Reads {@code analytics_daily} (one document per day, {@code _id = yyyy-MM-dd}) by {@code _id} only; the
 * per-account contributions stay on the server. Only the negative-balance count of a cycle not closed yet reads
 * {@code accounts} by balance (a scan on the embedded server).
 */
@Component
class DailyAnalyticsQueries {

    private static final Bson TOTALS_ONLY = Projections.exclude("accounts");

    private final MongoCollection<Document> daily;
    private final MongoCollection<Document> accounts;

    DailyAnalyticsQueries(MongoDatabase database) {
        this.daily = database.getCollection("analytics_daily");
        this.accounts = database.getCollection("accounts");
    }

    Earnings earnings(LocalDate from, LocalDate to) {
        Map<String, Document> days = days(from, to);
        List<DayEarnings> items = new ArrayList<>();
        long total = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Document doc = days.get(day.toString());
            DayEarnings earnings = doc == null ? new DayEarnings(day, 0, 0, 0, 0) : new DayEarnings(day,
                    number(doc, "earnings"), number(doc, "feesCharged"), number(doc, "rewardsPaid"),
                    number(doc, "tasksCompleted"));
            items.add(earnings);
            total += earnings.earnings();
        }
        return new Earnings(from, to, items, total);
    }

    NegativeBalances negativeBalances(LocalDate date) {
        Document doc = daily.find(Filters.eq("_id", date.toString())).projection(TOTALS_ONLY).first();
        if (doc != null && doc.get("negativeBalances") instanceof Number count) {
            return new NegativeBalances(date, count.longValue(), true);
        }
        return new NegativeBalances(date, accounts.countDocuments(Filters.lt("balance", 0)), false);
    }

    MostExpensiveTask mostExpensiveTask(Periods period, LocalDate at) {
        LocalDate[] range = period.around(at);
        Document best = days(range[0], range[1]).values().stream()
                .map(doc -> doc.get("mostExpensiveTask", Document.class))
                .filter(task -> task != null && task.getString("taskId") != null)
                .min(Comparator.comparingLong((Document task) -> number(task, "completionReward")).reversed()
                        .thenComparing(task -> task.getDate("completedAt"),
                                Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(task -> task.getString("taskId")))
                .orElse(null);
        return new MostExpensiveTask(period.label(), range[0], range[1],
                best == null ? null : best.getString("taskId"),
                best == null ? null : number(best, "completionReward"),
                best == null ? null : instant(best, "completedAt"));
    }

    private Map<String, Document> days(LocalDate from, LocalDate to) {
        List<String> ids = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            ids.add(day.toString());
        }
        Map<String, Document> days = new HashMap<>();
        daily.find(Filters.in("_id", ids)).projection(TOTALS_ONLY)
                .forEach(doc -> days.put(doc.getString("_id"), doc));
        return days;
    }

    static long number(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number number ? number.longValue() : 0;
    }
}
