package io.aviary.projections.queue;

import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

import static io.aviary.projections.mongo.Bson.date;
import static io.aviary.projections.mongo.Bson.instant;
import static io.aviary.projections.mongo.Bson.intValue;

/** The shape of a {@code worker_queues} document (see READ_MODELS.md): {@code _id} = worker id. */
public final class WorkerQueueDocuments {

    public static final String COLLECTION = "worker_queues";

    private WorkerQueueDocuments() {
    }

    public static Document toDocument(WorkerQueueView view) {
        return new Document("_id", view.workerId)
                .append("current", documents(view.current))
                .append("history", documents(view.history))
                .append("updatedAt", date(view.updatedAt));
    }

    public static WorkerQueueView fromDocument(Document document) {
        WorkerQueueView view = new WorkerQueueView(document.getString("_id"));
        view.current.addAll(entries(document.getList("current", Document.class, List.of())));
        view.history.addAll(entries(document.getList("history", Document.class, List.of())));
        view.updatedAt = instant(document, "updatedAt");
        return view;
    }

    private static List<Document> documents(List<QueueEntry> entries) {
        List<Document> documents = new ArrayList<>(entries.size());
        for (QueueEntry entry : entries) {
            documents.add(new Document("taskId", entry.taskId())
                    .append("attempt", entry.attempt())
                    .append("type", entry.type())
                    .append("priority", entry.priority())
                    .append("status", entry.status())
                    .append("assignedAt", date(entry.assignedAt()))
                    .append("startedAt", date(entry.startedAt()))
                    .append("finishedAt", date(entry.finishedAt()))
                    .append("message", entry.message()));
        }
        return documents;
    }

    private static List<QueueEntry> entries(Iterable<Document> documents) {
        List<QueueEntry> entries = new ArrayList<>();
        for (Document d : documents) {
            entries.add(new QueueEntry(d.getString("taskId"), intValue(d, "attempt", 0), d.getString("type"),
                    intValue(d, "priority", 0), d.getString("status"), instant(d, "assignedAt"),
                    instant(d, "startedAt"), instant(d, "finishedAt"), d.getString("message")));
        }
        return entries;
    }
}
