package io.aviary.query.task;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.aviary.events.task.TaskStatus;
import io.aviary.query.web.Page;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code tasks}. Lists leave the large fields (timeline, payload, output) on the server. Waiting tasks get
 * their {@link WaitingReason}, from one read of the fleet per answer.
 */
@Component
class TaskQueries {

    private static final Bson SUMMARY_FIELDS = Projections.exclude("timeline", "payload", "output");
    private static final Bson NEWEST_FIRST = Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id"));

    private final MongoCollection<Document> tasks;
    private final WaitingReasons waitingReasons;

    TaskQueries(MongoDatabase database, WaitingReasons waitingReasons) {
        this.tasks = database.getCollection("tasks");
        this.waitingReasons = waitingReasons;
    }

    Page<TaskSummary> find(TaskStatus status, String type, String workerId, int page, int size) {
        List<Bson> filters = new ArrayList<>();
        if (status != null) {
            filters.add(Filters.eq("status", status.name()));
        }
        if (type != null) {
            filters.add(Filters.eq("type", type));
        }
        if (workerId != null) {
            filters.add(Filters.eq("workerId", workerId));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        long total = tasks.countDocuments(filter);
        int offset = Page.offset(page, size);
        List<Document> docs = new ArrayList<>();
        if (offset >= 0 && offset < total) {
            tasks.find(filter).projection(SUMMARY_FIELDS).sort(NEWEST_FIRST).skip(offset).limit(size).into(docs);
        }
        Map<String, WaitingReason> reasons = waitingReasons.of(docs);
        List<TaskSummary> items = docs.stream()
                .map(doc -> TaskSummary.of(doc, reasons.get(doc.getString("_id")))).toList();
        return new Page<>(items, page, size, total);
    }

    Optional<TaskDetail> findById(String taskId) {
        return Optional.ofNullable(tasks.find(Filters.eq("_id", taskId)).first())
                .map(doc -> TaskDetail.of(doc, waitingReasons.of(List.of(doc)).get(taskId)));
    }
}
