package io.aviary.projections.billing;

import com.mongodb.client.MongoCollection;
import io.aviary.events.account.AccountEvent;
import io.aviary.events.account.BillingCycleClosed;
import io.aviary.events.account.PayoutIssued;
import io.aviary.projections.apply.BatchOutcome;
import io.aviary.projections.apply.BatchProjection;
import io.aviary.projections.apply.CollectionResolver;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.mongo.BatchIo;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static io.aviary.projections.mongo.Bson.date;
import static io.aviary.projections.mongo.Bson.millis;

/**
 * {@code BillingCycleClosed} and {@code PayoutIssued} -> {@code billing_cycles}, one document per cycle date
 * ({@code _id = yyyy-MM-dd}, the billing time zone's day) with one entry per account, sorted by worker id. An
 * account is closed at most once per date, so an entry is keyed by (date, worker) and set, never added to:
 * applying a close or payout again writes the same values.
 */
public final class BillingCycleProjection implements BatchProjection {

    public static final String COLLECTION = "billing_cycles";

    private final MongoCollection<Document> cycles;

    public BillingCycleProjection(CollectionResolver collections) {
        this.cycles = collections.collection(COLLECTION);
    }

    @Override
    public void apply(List<ProjectedEvent> batch, BatchOutcome outcome) {
        Map<String, List<ProjectedEvent>> byDate = new LinkedHashMap<>();
        for (ProjectedEvent event : batch) {
            if (event.event() instanceof BillingCycleClosed e && e.cycleDate() != null && e.workerId() != null) {
                byDate.computeIfAbsent(e.cycleDate().toString(), d -> new ArrayList<>()).add(event);
            } else if (event.event() instanceof PayoutIssued e && e.cycleDate() != null && e.workerId() != null) {
                byDate.computeIfAbsent(e.cycleDate().toString(), d -> new ArrayList<>()).add(event);
            }
        }
        if (byDate.isEmpty()) {
            return;
        }
        Map<String, Document> stored = BatchIo.loadById(cycles, byDate.keySet());
        List<Document> changed = new ArrayList<>();
        byDate.forEach((date, events) -> {
            TreeMap<String, CycleEntry> entries = new TreeMap<>();
            Document document = stored.get(date);
            if (document != null) {
                document.getList("accounts", Document.class, List.of())
                        .forEach(entry -> entries.put(entry.getString("workerId"), CycleEntry.fromDocument(entry)));
            }
            boolean dateChanged = false;
            for (ProjectedEvent event : events) {
                AccountEvent account = (AccountEvent) event.event();
                CycleEntry before = entries.getOrDefault(account.workerId(),
                        new CycleEntry(account.workerId(), account.accountId(), null, null, null, null));
                CycleEntry after = event.event() instanceof BillingCycleClosed e
                        ? before.closed(e.accountId(), e.balance(), millis(e.closedAt()))
                        : before.paid(account.accountId(), ((PayoutIssued) event.event()).amount(),
                                millis(((PayoutIssued) event.event()).issuedAt()));
                if (!after.equals(before) || !entries.containsKey(account.workerId())) {
                    entries.put(account.workerId(), after);
                    outcome.applied(event);
                    dateChanged = true;
                }
            }
            if (dateChanged) {
                changed.add(toDocument(date, entries));
            }
        });
        outcome.written(COLLECTION, BatchIo.write(cycles, changed.stream().map(BatchIo::replace).toList()));
    }

    private static Document toDocument(String date, TreeMap<String, CycleEntry> entries) {
        long closed = 0;
        long negative = 0;
        long paidOut = 0;
        Instant closedAt = null;
        for (CycleEntry entry : entries.values()) {
            if (entry.balance() != null) {
                closed++;
                negative += entry.balance() < 0 ? 1 : 0;
            }
            paidOut += Objects.requireNonNullElse(entry.payout(), 0L);
            if (entry.closedAt() != null && (closedAt == null || entry.closedAt().isAfter(closedAt))) {
                closedAt = entry.closedAt();
            }
        }
        return new Document("_id", date)
                .append("date", date)
                .append("accountsClosed", closed)
                .append("negativeBalances", negative)
                .append("paidOut", paidOut)
                .append("closedAt", date(closedAt))
                .append("accounts", entries.values().stream().map(CycleEntry::toDocument).toList());
    }
}
