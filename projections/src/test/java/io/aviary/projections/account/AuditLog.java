package io.aviary.projections.account;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a worker's audit day back the way the query side does, by {@code _id} only: the day document, the movements
 * it holds itself (written before buckets existed), then its buckets in bucket order, each as stored.
 */
public final class AuditLog {

    private AuditLog() {
    }

    /** The movements of a worker's UTC day, in storage order (legacy ones first, then bucket by bucket). */
    public static List<Document> movements(MongoDatabase database, String workerId, String day) {
        MongoCollection<Document> audit = database.getCollection(AccountAuditProjection.COLLECTION);
        Document dayDocument = audit.find(Filters.eq("_id", AccountAuditProjection.dayId(workerId, day))).first();
        if (dayDocument == null) {
            return List.of();
        }
        List<Document> movements = new ArrayList<>(dayDocument.getList("movements", Document.class, List.of()));
        List<Long> buckets = dayDocument.get("buckets", new Document()).keySet().stream().map(Long::valueOf)
                .sorted().toList();
        List<String> ids = buckets.stream().map(n -> AccountAuditProjection.bucketId(workerId, day, n)).toList();
        audit.find(Filters.in("_id", ids)).into(new ArrayList<>()).stream()
                .sorted(Comparator.comparingLong(bucket -> bucket.get("bucket", Number.class).longValue()))
                .forEach(bucket -> movements.addAll(bucket.getList("movements", Document.class)));
        return movements;
    }
}
