package io.aviary.projections.account;

import com.mongodb.client.MongoCollection;
import io.aviary.events.account.AccountEvent;
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
import java.util.Optional;
import java.util.TreeMap;

import static io.aviary.projections.mongo.Bson.longValue;

/**
 * Charges, credits and payouts -> {@code account_audit}, one document per worker and UTC day
 * ({@code _id = <workerId>:<yyyy-MM-dd>}) holding that day's movements in account order. Keyed that way the audit
 * query of a worker reads a few documents by {@code _id} instead of scanning (mongo-java-server ignores the
 * non-unique index a per-movement collection would need). A movement is keyed by its account sequence within the
 * document, so adding it again changes nothing.
 */
public final class AccountAuditProjection implements BatchProjection {

    public static final String COLLECTION = "account_audit";

    private final MongoCollection<Document> audit;

    public AccountAuditProjection(CollectionResolver collections) {
        this.audit = collections.collection(COLLECTION);
    }

    /** The document id of a worker's movements on a UTC day. */
    public static String dayId(String workerId, String day) {
        return workerId + ":" + day;
    }

    @Override
    public void apply(List<ProjectedEvent> batch, BatchOutcome outcome) {
        Map<String, List<Map.Entry<ProjectedEvent, Movement>>> byDay = new LinkedHashMap<>();
        Map<String, AccountEvent> owners = new LinkedHashMap<>();
        for (ProjectedEvent event : batch) {
            if (event.event() instanceof AccountEvent account && account.workerId() != null) {
                Optional<Movement> movement = Movement.of(event);
                if (movement.isPresent() && movement.get().at() != null) {
                    String id = dayId(account.workerId(), UtcKeys.day(movement.get().at()));
                    byDay.computeIfAbsent(id, key -> new ArrayList<>()).add(Map.entry(event, movement.get()));
                    owners.putIfAbsent(id, account);
                }
            }
        }
        if (byDay.isEmpty()) {
            return;
        }
        Map<String, Document> stored = BatchIo.loadById(audit, byDay.keySet());
        List<Document> changed = new ArrayList<>();
        byDay.forEach((id, movements) -> {
            TreeMap<Long, Movement> bySeq = new TreeMap<>();
            Document document = stored.get(id);
            if (document != null) {
                document.getList("movements", Document.class, List.of())
                        .forEach(held -> bySeq.put(longValue(held, "seq", 0), Movement.fromDocument(held)));
            }
            boolean dayChanged = false;
            for (Map.Entry<ProjectedEvent, Movement> entry : movements) {
                if (bySeq.putIfAbsent(entry.getValue().seq(), entry.getValue()) == null) {
                    outcome.applied(entry.getKey());
                    dayChanged = true;
                }
            }
            if (dayChanged) {
                AccountEvent owner = owners.get(id);
                changed.add(new Document("_id", id)
                        .append("workerId", owner.workerId())
                        .append("accountId", owner.accountId())
                        .append("date", id.substring(id.lastIndexOf(':') + 1))
                        .append("count", bySeq.size())
                        .append("movements", bySeq.values().stream().map(Movement::toDocument).toList()));
            }
        });
        outcome.written(COLLECTION, BatchIo.write(audit, changed.stream().map(BatchIo::replace).toList()));
    }
}
