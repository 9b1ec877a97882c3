package io.aviary.projections.account;

import com.mongodb.client.MongoCollection;
import io.aviary.events.account.AccountEvent;
import io.aviary.projections.apply.BatchOutcome;
import io.aviary.projections.apply.BatchProjection;
import io.aviary.projections.apply.CollectionResolver;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.mongo.BatchIo;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Account events -> {@code accounts}, one document per worker, guarded by the account's sequence. */
public final class AccountProjection implements BatchProjection {

    public static final String COLLECTION = "accounts";

    private final MongoCollection<Document> accounts;

    public AccountProjection(CollectionResolver collections) {
        this.accounts = collections.collection(COLLECTION);
    }

    @Override
    public void apply(List<ProjectedEvent> batch, BatchOutcome outcome) {
        Map<String, List<ProjectedEvent>> byWorker = new LinkedHashMap<>();
        for (ProjectedEvent event : batch) {
            if (event.event() instanceof AccountEvent account && account.workerId() != null) {
                byWorker.computeIfAbsent(account.workerId(), id -> new ArrayList<>()).add(event);
            }
        }
        if (byWorker.isEmpty()) {
            return;
        }
        Map<String, Document> stored = BatchIo.loadById(accounts, byWorker.keySet());
        List<Document> changed = new ArrayList<>();
        byWorker.forEach((workerId, events) -> {
            Document document = stored.get(workerId);
            AccountView view = document == null ? new AccountView(workerId) : AccountView.fromDocument(document);
            for (ProjectedEvent event : events) {
                if (view.apply(event.sequence(), (AccountEvent) event.event())) {
                    outcome.applied(event);
                }
            }
            if (view.changed) {
                changed.add(view.toDocument());
            }
        });
        outcome.written(COLLECTION, BatchIo.write(accounts, changed.stream().map(BatchIo::replace).toList()));
    }
}
