package io.aviary.projections.task;

import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskStatus;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

import static io.aviary.projections.mongo.Bson.date;
import static io.aviary.projections.mongo.Bson.instant;
import static io.aviary.projections.mongo.Bson.intValue;
import static io.aviary.projections.mongo.Bson.longValue;
import static io.aviary.projections.mongo.Bson.object;
import static io.aviary.projections.mongo.Bson.stringMap;

/** The shape of a {@code tasks} document (see READ_MODELS.md): {@code _id} = task id. */
public final class TaskDocuments {

    public static final String COLLECTION = "tasks";

    private TaskDocuments() {
    }

    public static Document toDocument(TaskView view) {
        List<Document> timeline = new ArrayList<>(view.timeline.size());
        for (TimelineEntry entry : view.timeline) {
            timeline.add(new Document("event", entry.event())
                    .append("status", name(entry.status()))
                    .append("attempt", entry.attempt())
                    .append("workerId", entry.workerId())
                    .append("at", date(entry.at()))
                    .append("detail", entry.detail()));
        }
        return new Document("_id", view.taskId)
                .append("type", view.type)
                .append("status", name(view.status))
                .append("attempt", view.attempt)
                .append("outcome", name(view.outcome))
                .append("workerId", view.workerId)
                .append("priority", view.priority)
                .append("payload", view.payload)
                .append("requiredLabels", view.requiredLabels)
                .append("maxAttempts", view.maxAttempts)
                .append("timeoutMs", view.timeoutMs)
                .append("idempotencyKey", view.idempotencyKey)
                .append("failures", view.failures)
                .append("assignmentFee", view.assignmentFee)
                .append("completionReward", view.completionReward)
                .append("createdAt", date(view.createdAt))
                .append("updatedAt", date(view.updatedAt))
                .append("notBefore", date(view.notBefore))
                .append("message", view.message)
                .append("output", view.output)
                .append("timeline", timeline)
                .append("seq", view.seq);
    }

    public static TaskView fromDocument(Document document) {
        TaskView view = new TaskView(document.getString("_id"));
        view.type = document.getString("type");
        view.status = enumValue(TaskStatus.class, document.getString("status"));
        view.attempt = intValue(document, "attempt", 0);
        view.outcome = enumValue(Outcome.class, document.getString("outcome"));
        view.workerId = document.getString("workerId");
        view.priority = intValue(document, "priority", 0);
        view.payload = object(document, "payload");
        view.requiredLabels = stringMap(document, "requiredLabels");
        view.maxAttempts = intValue(document, "maxAttempts", 0);
        view.timeoutMs = longValue(document, "timeoutMs", 0);
        view.idempotencyKey = document.getString("idempotencyKey");
        view.failures = intValue(document, "failures", 0);
        view.assignmentFee = intValue(document, "assignmentFee", 0);
        view.completionReward = intValue(document, "completionReward", 0);
        view.createdAt = instant(document, "createdAt");
        view.updatedAt = instant(document, "updatedAt");
        view.notBefore = instant(document, "notBefore");
        view.message = document.getString("message");
        view.output = object(document, "output");
        for (Document entry : document.getList("timeline", Document.class, List.of())) {
            view.timeline.add(new TimelineEntry(entry.getString("event"),
                    enumValue(TaskStatus.class, entry.getString("status")), intValue(entry, "attempt", 0),
                    entry.getString("workerId"), instant(entry, "at"), entry.getString("detail")));
        }
        view.seq = longValue(document, "seq", TaskView.NO_SEQUENCE);
        return view;
    }

    static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
