package io.aviary.projections.account;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.Collection;

/**
 * Up to {@link #SIZE} movements of one worker's UTC day: {@code _id = <workerId>:<yyyy-MM-dd>:<n>} with
 * {@code n = seq / SIZE}. The bucket follows from the movement alone (its day and account sequence), so a redelivered
 * movement always meets the bucket that already holds it, and a bucket never holds more than {@code SIZE}
 * movements (~95 KB) however busy the worker is.
 */
record AuditBucket(AuditDay day, long number) {

    /** Account sequences per bucket: a bucket holds at most this many movements. */
    static final int SIZE = 500;

    private static final PushOptions BY_SEQ = new PushOptions().sortDocument(new Document("seq", 1));

    static AuditBucket of(AuditDay day, Movement movement) {
        return new AuditBucket(day, movement.seq() / SIZE);
    }

    String id() {
        return AccountAuditProjection.bucketId(day.workerId(), day.day(), number);
    }

    /** Appends new movements (kept sorted by seq) and sets the count: only the new movements are sent. */
    WriteModel<Document> append(Collection<Movement> movements, int count) {
        return new UpdateOneModel<>(Filters.eq("_id", id()), Updates.combine(
                Updates.setOnInsert("workerId", day.workerId()),
                Updates.setOnInsert("accountId", day.accountId()),
                Updates.setOnInsert("date", day.day()),
                Updates.setOnInsert("bucket", number),
                Updates.set("count", count),
                Updates.pushEach("movements", movements.stream().map(Movement::toDocument).toList(), BY_SEQ)),
                AuditDay.UPSERT);
    }
}
