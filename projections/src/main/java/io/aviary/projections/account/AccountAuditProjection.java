package io.aviary.projections.account;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.WriteModel;
import io.aviary.events.account.AccountEvent;
import io.aviary.projections.apply.BatchOutcome;
import io.aviary.projections.apply.BatchProjection;
import io.aviary.projections.apply.CollectionResolver;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.mongo.BatchIo;
import io.aviary.projections.mongo.UtcKeys;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static io.aviary.projections.mongo.Bson.longValue;

/**
 * Charges, credits and payouts -> {@code account_audit}: per worker and UTC day, buckets of at most
 * {@link AuditBucket#SIZE} movements ({@code <workerId>:<yyyy-MM-dd>:<seq / SIZE>}) and one day document
 * ({@code <workerId>:<yyyy-MM-dd>}) counting the movements of each bucket. The audit query reads the day documents
 * of its range, then the buckets of its page, by {@code _id} (mongo-java-server ignores the non-unique index a
 * per-movement collection would need). A batch reads the account sequences the touched documents hold (not the
 * movements) and appends only the movements that are not there yet, so a redelivery changes nothing. A day document
 * written before buckets existed keeps the movements it holds; they count as held.
 */
public final class AccountAuditProjection implements BatchProjection {

    public static final String COLLECTION = "account_audit";

    /** What a batch reads of a touched bucket or day: which sequences it holds and the counts a day records. */
    private static final Bson HELD = Projections.include("buckets", "movements.seq");

    private final MongoCollection<Document> audit;

    public AccountAuditProjection(CollectionResolver collections) {
        this.audit = collections.collection(COLLECTION);
    }

    /** The id of the day document of a worker's UTC day. */
    public static String dayId(String workerId, String day) {
        return workerId + ":" + day;
    }

    /** The id of bucket {@code bucket} of a worker's UTC day. */
    public static String bucketId(String workerId, String day, long bucket) {
        return dayId(workerId, day) + ":" + bucket;
    }

    @Override
    public void apply(List<ProjectedEvent> batch, BatchOutcome outcome) {
        Map<AuditBucket, List<Map.Entry<ProjectedEvent, Movement>>> byBucket = byBucket(batch);
        if (byBucket.isEmpty()) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        byBucket.keySet().forEach(bucket -> {
            ids.add(bucket.id());
            ids.add(bucket.day().id());
        });
        Map<String, Document> stored = BatchIo.loadById(audit, ids, HELD);
        List<WriteModel<Document>> writes = new ArrayList<>();
        Map<AuditDay, Map<Long, Integer>> counts = new LinkedHashMap<>();
        byBucket.forEach((bucket, movements) -> {
            Document day = stored.get(bucket.day().id());
            Set<Long> held = sequences(stored.get(bucket.id()));
            Set<Long> heldByDay = sequences(day);
            TreeMap<Long, Movement> added = new TreeMap<>();
            for (Map.Entry<ProjectedEvent, Movement> entry : movements) {
                long seq = entry.getValue().seq();
                if (!held.contains(seq) && !heldByDay.contains(seq)
                        && added.putIfAbsent(seq, entry.getValue()) == null) {
                    outcome.applied(entry.getKey());
                }
            }
            int count = held.size() + added.size();
            if (!added.isEmpty()) {
                writes.add(bucket.append(added.values(), count));
            }
            if (count > 0 && AuditDay.recordedCount(day, bucket.number()) != count) {
                counts.computeIfAbsent(bucket.day(), key -> new TreeMap<>()).put(bucket.number(), count);
            }
        });
        // One bulk write, buckets listed first. Should only part of it land (a crash), the redelivered batch adds
        // what a bucket lacks and sets each count from what its bucket holds, so the counts end up exact.
        writes.addAll(counts.entrySet().stream().map(day -> day.getKey().recordCounts(day.getValue())).toList());
        outcome.written(COLLECTION, BatchIo.write(audit, writes));
    }

    private static Map<AuditBucket, List<Map.Entry<ProjectedEvent, Movement>>> byBucket(List<ProjectedEvent> batch) {
        Map<AuditBucket, List<Map.Entry<ProjectedEvent, Movement>>> byBucket = new LinkedHashMap<>();
        for (ProjectedEvent event : batch) {
            if (event.event() instanceof AccountEvent account && account.workerId() != null) {
                Optional<Movement> movement = Movement.of(event);
                if (movement.isPresent() && movement.get().at() != null) {
                    AuditDay day = new AuditDay(account.workerId(), account.accountId(),
                            UtcKeys.day(movement.get().at()));
                    byBucket.computeIfAbsent(AuditBucket.of(day, movement.get()), key -> new ArrayList<>())
                            .add(Map.entry(event, movement.get()));
                }
            }
        }
        return byBucket;
    }

    /** The account sequences a stored bucket holds (or a day document written before buckets existed). */
    private static Set<Long> sequences(Document stored) {
        Set<Long> sequences = new HashSet<>();
        if (stored != null) {
            stored.getList("movements", Document.class, List.of())
                    .forEach(movement -> sequences.add(longValue(movement, "seq", 0)));
        }
        return sequences;
    }
}
