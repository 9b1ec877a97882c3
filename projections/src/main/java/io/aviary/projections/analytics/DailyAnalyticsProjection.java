package io.aviary.projections.analytics;

import com.mongodb.client.MongoCollection;
import io.aviary.events.account.AccountCharged;
import io.aviary.events.account.AccountCredited;
import io.aviary.events.account.AccountEvent;
import io.aviary.events.account.BillingCycleClosed;
import io.aviary.events.account.PayoutIssued;
import io.aviary.projections.apply.BatchOutcome;
import io.aviary.projections.apply.BatchProjection;
import io.aviary.projections.apply.CollectionResolver;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.mongo.BatchIo;
import io.aviary.projections.mongo.UtcKeys;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.aviary.projections.mongo.Bson.millis;

/**
 * Account events -> {@code analytics_daily}, one document per day ({@code _id = yyyy-MM-dd}):
 * <ul>
 *   <li>fees charged and rewards paid on the UTC day of the charge / credit; earnings = fees − rewards
 *       (DESIGN §5); tasks completed = credits (a credit is exactly a completion with SUCCESS or WARNING);</li>
 *   <li>the most expensive task completed that day, from the credits (reward and completion time);</li>
 *   <li>negative balances and payouts of the billing cycle closed for that date (the cycle date, in the billing
 *       time zone): the daily close covers every account, so "negative at the close" is a complete, exact
 *       end-of-day figure without carrying balances of idle accounts from day to day.</li>
 * </ul>
 * Idempotent per document by per-account sequence watermarks ({@link AccountDay}).
 */
public final class DailyAnalyticsProjection implements BatchProjection {

    public static final String COLLECTION = "analytics_daily";

    private final MongoCollection<Document> daily;

    public DailyAnalyticsProjection(CollectionResolver collections) {
        this.daily = collections.collection(COLLECTION);
    }

    @Override
    public void apply(List<ProjectedEvent> batch, BatchOutcome outcome) {
        Map<ProjectedEvent, String> days = new LinkedHashMap<>();
        for (ProjectedEvent event : batch) {
            if (event.event() instanceof AccountEvent account && account.workerId() != null) {
                String day = dayOf(account);
                if (day != null) {
                    days.put(event, day);
                }
            }
        }
        if (days.isEmpty()) {
            return;
        }
        Map<String, DailyView> views = new LinkedHashMap<>();
        BatchIo.loadById(daily, days.values())
                .forEach((id, document) -> views.put(id, DailyView.fromDocument(document)));
        days.forEach((event, day) -> {
            DailyView view = views.computeIfAbsent(day, DailyView::new);
            if (apply(view, event)) {
                outcome.applied(event);
            }
        });
        List<Document> changed = new ArrayList<>();
        views.values().stream().filter(view -> view.changed).forEach(view -> changed.add(view.toDocument()));
        outcome.written(COLLECTION, BatchIo.write(daily, changed.stream().map(BatchIo::replace).toList()));
    }

    private static boolean apply(DailyView view, ProjectedEvent event) {
        AccountEvent account = (AccountEvent) event.event();
        AccountDay day = view.accounts.computeIfAbsent(account.workerId(), id -> new AccountDay());
        if (event.sequence() <= day.seq) {
            return false;
        }
        if (account instanceof AccountCharged e) {
            day.fees += e.amount();
            day.charges++;
        } else if (account instanceof AccountCredited e) {
            day.rewards += e.amount();
            day.credits++;
            view.mostExpensiveTask = new ExpensiveTask(e.taskId(), e.amount(), millis(e.creditedAt()))
                    .over(view.mostExpensiveTask);
        } else if (account instanceof BillingCycleClosed e) {
            day.closedBalance = e.balance();
        } else if (account instanceof PayoutIssued e) {
            day.payout += e.amount();
        }
        day.seq = event.sequence();
        view.changed = true;
        return true;
    }

    /** The document an event counts in, or null for events that count nowhere (an account opening). */
    private static String dayOf(AccountEvent event) {
        if (event instanceof AccountCharged e && e.chargedAt() != null) {
            return UtcKeys.day(e.chargedAt());
        }
        if (event instanceof AccountCredited e && e.creditedAt() != null) {
            return UtcKeys.day(e.creditedAt());
        }
        if (event instanceof BillingCycleClosed e && e.cycleDate() != null) {
            return e.cycleDate().toString();
        }
        if (event instanceof PayoutIssued e && e.cycleDate() != null) {
            return e.cycleDate().toString();
        }
        return null;
    }
}
