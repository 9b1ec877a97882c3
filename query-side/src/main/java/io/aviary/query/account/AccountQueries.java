package io.aviary.query.account;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.aviary.query.web.Page;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code accounts} (key: worker id) and {@code account_audit} (per worker and UTC day a day document,
 * {@code <workerId>:<date>}, counting the movements of the day's buckets, {@code <workerId>:<date>:<n>}; see
 * {@link AuditPart}): an audit page is two reads by {@code _id}, never a scan: the day documents of the range, then
 * the buckets of the page. Worker names come from {@code workers}, by {@code _id} too.
 */
@Component
class AccountQueries {

    private final MongoCollection<Document> accounts;
    private final MongoCollection<Document> audit;
    private final MongoCollection<Document> workers;

    AccountQueries(MongoDatabase database) {
        this.accounts = database.getCollection("accounts");
        this.audit = database.getCollection("account_audit");
        this.workers = database.getCollection("workers");
    }

    Page<Account> find(int page, int size) {
        long total = accounts.countDocuments();
        int offset = Page.offset(page, size);
        List<Document> docs = new ArrayList<>();
        if (offset >= 0 && offset < total) {
            accounts.find().sort(Sorts.ascending("_id")).skip(offset).limit(size).into(docs);
        }
        Map<String, String> names = names(docs.stream().map(doc -> doc.getString("_id")).toList());
        return new Page<>(docs.stream().map(doc -> Account.of(doc, names.get(doc.getString("_id")))).toList(),
                page, size, total);
    }

    Optional<Account> findById(String workerId) {
        return document(workerId).map(doc -> Account.of(doc, names(List.of(workerId)).get(workerId)));
    }

    /**
     * The movements of an account between two UTC days (both included), newest first; empty when the account does
     * not exist.
     */
    Optional<Page<Movement>> audit(String workerId, LocalDate from, LocalDate to, int page, int size) {
        if (document(workerId).isEmpty()) {
            return Optional.empty();
        }
        List<String> dayIds = new ArrayList<>();
        for (LocalDate day = to; !day.isBefore(from); day = day.minusDays(1)) {
            dayIds.add(workerId + ":" + day);
        }
        // first the day documents of the range (counts only), to find the documents that hold the page
        List<AuditPart> parts = AuditPart.newestFirst(dayIds, byId(audit.find(Filters.in("_id", dayIds))
                .projection(Projections.include("count", "buckets"))));
        long total = parts.stream().mapToLong(AuditPart::count).sum();
        long offset = (long) page * size;
        List<String> needed = new ArrayList<>();
        long skipped = 0;
        long first = -1;
        for (AuditPart part : parts) {
            if (skipped + part.count() > offset && skipped < offset + size) {
                if (first < 0) {
                    first = offset - skipped;
                }
                needed.add(part.id());
            }
            skipped += part.count();
        }
        List<Movement> items = new ArrayList<>();
        if (!needed.isEmpty()) {
            Map<String, Document> held = byId(audit.find(Filters.in("_id", needed))
                    .projection(Projections.include("movements")));
            List<Movement> window = new ArrayList<>();
            for (String id : needed) {
                List<Document> movements = new ArrayList<>(held.getOrDefault(id, new Document())
                        .getList("movements", Document.class, List.of()));
                movements.sort(Comparator.comparingLong((Document m) -> Account.number(m, "seq")).reversed());
                movements.forEach(m -> window.add(Movement.of(m)));
            }
            int start = (int) Math.max(0, first);
            items = window.subList(Math.min(start, window.size()), Math.min(window.size(), start + size));
        }
        return Optional.of(new Page<>(List.copyOf(items), page, size, total));
    }

    /** The UTC days an account's movements may be on: from its first movement to today (or a later movement). */
    record Span(LocalDate first, LocalDate last) {
    }

    Optional<Span> span(String workerId, LocalDate today) {
        return document(workerId).map(doc -> {
            Date first = doc.getDate("firstMovementAt");
            Date opened = doc.getDate("openedAt");
            Date last = doc.getDate("lastMovementAt");
            LocalDate from = first != null ? day(first) : opened != null ? day(opened) : today;
            LocalDate to = last != null && day(last).isAfter(today) ? day(last) : today;
            return new Span(from.isAfter(to) ? to : from, to);
        });
    }

    private static Map<String, Document> byId(Iterable<Document> documents) {
        Map<String, Document> byId = new HashMap<>();
        documents.forEach(doc -> byId.put(doc.getString("_id"), doc));
        return byId;
    }

    private Optional<Document> document(String workerId) {
        return Optional.ofNullable(accounts.find(Filters.eq("_id", workerId)).first());
    }

    private Map<String, String> names(Collection<String> workerIds) {
        Map<String, String> names = new HashMap<>();
        if (!workerIds.isEmpty()) {
            workers.find(Filters.in("_id", workerIds)).projection(Projections.include("name"))
                    .forEach(doc -> names.put(doc.getString("_id"), doc.getString("name")));
        }
        return names;
    }

    private static LocalDate day(Date date) {
        return LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC);
    }
}
