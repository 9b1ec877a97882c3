package io.aviary.query.worker;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.aviary.events.worker.WorkerIds;
import io.aviary.events.worker.WorkerState;
import io.aviary.query.mongo.Documents;
import io.aviary.query.web.Page;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code workers} and {@code worker_queues}. A {@code workers} document without {@code name} holds only
 * outcomes of a worker whose registration is not projected yet: it is not a worker to show.
 */
@Component
class WorkerQueries {

    private final MongoCollection<Document> workers;
    private final MongoCollection<Document> queues;

    WorkerQueries(MongoDatabase database) {
        this.workers = database.getCollection("workers");
        this.queues = database.getCollection("worker_queues");
    }

    Page<WorkerSummary> find(WorkerState state, String name, String taskType, int page, int size) {
        if (name != null) {
            return findByName(name, state, taskType, page, size);
        }
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.exists("name"));
        if (state != null) {
            filters.add(Filters.eq("state", state.name()));
        }
        if (taskType != null) {
            filters.add(Filters.eq("taskTypes", taskType));
        }
        Bson filter = Filters.and(filters);
        long total = workers.countDocuments(filter);
        int offset = Page.offset(page, size);
        List<WorkerSummary> items = new ArrayList<>();
        if (offset >= 0 && offset < total) {
            workers.find(filter).sort(Sorts.ascending("name", "_id")).skip(offset).limit(size)
                    .forEach(doc -> items.add(WorkerSummary.of(doc)));
        }
        return new Page<>(items, page, size, total);
    }

    /**
     * Names are unique and the id is derived from the name, so a name filter is a lookup by {@code _id} (an index
     * hit on every server); the other filters are then checked on that one document.
     */
    private Page<WorkerSummary> findByName(String name, WorkerState state, String taskType, int page, int size) {
        Optional<WorkerSummary> match = byId(WorkerIds.forName(name))
                .map(WorkerSummary::of)
                .filter(worker -> name.equals(worker.name()))
                .filter(worker -> state == null || state == worker.state())
                .filter(worker -> taskType == null || worker.taskTypes().contains(taskType));
        List<WorkerSummary> items = page == 0 ? match.stream().toList() : List.of();
        return new Page<>(items, page, size, match.isPresent() ? 1 : 0);
    }

    Optional<WorkerDetail> findById(String workerId) {
        return byId(workerId).map(WorkerDetail::of);
    }

    /** The queue of a known worker: empty lists until its first assignment is projected. */
    Optional<WorkerQueue> queue(String workerId, boolean history) {
        if (byId(workerId).isEmpty()) {
            return Optional.empty();
        }
        Document queue = queues.find(Filters.eq("_id", workerId)).first();
        List<QueueItem> items = queue == null ? List.of()
                : Documents.documents(queue, history ? "history" : "current").stream().map(QueueItem::of).toList();
        return Optional.of(new WorkerQueue(workerId, history ? "history" : "current", items));
    }

    private Optional<Document> byId(String workerId) {
        return Optional.ofNullable(workers.find(Filters.eq("_id", workerId)).first())
                .filter(doc -> doc.getString("name") != null);
    }
}
