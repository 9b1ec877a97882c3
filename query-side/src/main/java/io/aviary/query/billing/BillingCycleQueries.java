package io.aviary.query.billing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.aviary.query.web.Page;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.aviary.query.mongo.Documents.instant;

/** Reads {@code billing_cycles}: one document per cycle date ({@code _id}), its accounts paged in memory. */
@Component
class BillingCycleQueries {

    private final MongoCollection<Document> cycles;
    private final MongoCollection<Document> workers;

    BillingCycleQueries(MongoDatabase database) {
        this.cycles = database.getCollection("billing_cycles");
        this.workers = database.getCollection("workers");
    }

    Optional<BillingCycle> find(LocalDate date, int page, int size) {
        Document doc = cycles.find(Filters.eq("_id", date.toString())).first();
        if (doc == null) {
            return Optional.empty();
        }
        List<Document> accounts = doc.getList("accounts", Document.class, List.of());
        int offset = Page.offset(page, size);
        List<Document> window = offset < 0 || offset >= accounts.size() ? List.of()
                : accounts.subList(offset, Math.min(accounts.size(), offset + size));
        Map<String, String> names = new HashMap<>();
        if (!window.isEmpty()) {
            workers.find(Filters.in("_id", window.stream().map(a -> a.getString("workerId")).toList()))
                    .projection(Projections.include("name"))
                    .forEach(worker -> names.put(worker.getString("_id"), worker.getString("name")));
        }
        return Optional.of(new BillingCycle(doc.getString("date"), instant(doc, "closedAt"),
                number(doc, "accountsClosed"), number(doc, "negativeBalances"), number(doc, "paidOut"),
                window.stream().map(a -> CycleAccount.of(a, names.get(a.getString("workerId")))).toList(),
                page, size, accounts.size()));
    }

    private static long number(Document doc, String field) {
        Long value = CycleAccount.number(doc.get(field));
        return value == null ? 0 : value;
    }
}
