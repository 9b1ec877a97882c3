package io.aviary.projections.account;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.aviary.projections.mongo.Bson.intValue;

/**
 * A worker's UTC day in {@code account_audit}: the day document ({@code _id = <workerId>:<yyyy-MM-dd>}) lists the
 * day's buckets with their movement counts ({@code buckets: {"<n>": count}}), which is all the audit query needs to
 * find the documents of a page. It grows by one small entry per {@link AuditBucket#SIZE} account sequences, and a
 * batch only sets the entries whose count changed.
 *
 * <p>A day document written before buckets existed holds the day's first movements itself ({@code count},
 * {@code movements}); those stay where they are and are read as the oldest part of the day.
 */
record AuditDay(String workerId, String accountId, String day) {

    static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    String id() {
        return AccountAuditProjection.dayId(workerId, day);
    }

    /** The count this day document records for a bucket, -1 if none (or no document). */
    static int recordedCount(Document stored, long bucket) {
        Document buckets = stored == null ? null : stored.get("buckets", Document.class);
        return buckets == null ? -1 : intValue(buckets, Long.toString(bucket), -1);
    }

    /** Sets the counts of some of the day's buckets, nothing else. */
    WriteModel<Document> recordCounts(Map<Long, Integer> counts) {
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.setOnInsert("workerId", workerId));
        updates.add(Updates.setOnInsert("accountId", accountId));
        updates.add(Updates.setOnInsert("date", day));
        counts.forEach((bucket, count) -> updates.add(Updates.set("buckets." + bucket, count)));
        return new UpdateOneModel<>(Filters.eq("_id", id()), Updates.combine(updates), UPSERT);
    }
}
