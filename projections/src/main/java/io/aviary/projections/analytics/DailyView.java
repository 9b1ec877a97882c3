package io.aviary.projections.analytics;

import org.bson.Document;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code analytics_daily} document of one day while a batch is applied: per-account contributions (with their
 * sequence watermarks), the day's most expensive completed task, and totals recomputed from the contributions on
 * every write.
 */
final class DailyView {

    final String date;
    /** By worker id, sorted so that the stored document does not depend on application order. */
    final TreeMap<String, AccountDay> accounts = new TreeMap<>();
    ExpensiveTask mostExpensiveTask;
    boolean changed;

    DailyView(String date) {
        this.date = date;
    }

    Document toDocument() {
        long fees = 0;
        long rewards = 0;
        long charges = 0;
        long credits = 0;
        long paidOut = 0;
        long closed = 0;
        long negative = 0;
        Document perAccount = new Document();
        for (Map.Entry<String, AccountDay> entry : accounts.entrySet()) {
            AccountDay day = entry.getValue();
            fees += day.fees;
            rewards += day.rewards;
            charges += day.charges;
            credits += day.credits;
            paidOut += day.payout;
            if (day.closedBalance != null) {
                closed++;
                negative += day.closedBalance < 0 ? 1 : 0;
            }
            perAccount.append(entry.getKey(), day.toDocument());
        }
        return new Document("_id", date)
                .append("date", date)
                .append("feesCharged", fees)
                .append("rewardsPaid", rewards)
                .append("earnings", fees - rewards)
                .append("charges", charges)
                .append("tasksCompleted", credits)
                .append("paidOut", paidOut)
                .append("accountsClosed", closed)
                .append("negativeBalances", closed == 0 ? null : negative)
                .append("mostExpensiveTask", mostExpensiveTask == null ? null : mostExpensiveTask.toDocument())
                .append("accounts", perAccount);
    }

    static DailyView fromDocument(Document document) {
        DailyView view = new DailyView(document.getString("_id"));
        Document perAccount = document.get("accounts", Document.class);
        if (perAccount != null) {
            perAccount.forEach((workerId, value) -> view.accounts.put(workerId,
                    AccountDay.fromDocument((Document) value)));
        }
        view.mostExpensiveTask = ExpensiveTask.fromDocument(document.get("mostExpensiveTask", Document.class));
        return view;
    }
}
