package io.aviary.query.task;

import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskStatus;
import org.bson.Document;

import java.time.Instant;

import static io.aviary.query.mongo.Documents.instant;
import static io.aviary.query.mongo.Documents.intValue;

/**
 * A task as listed.
 *
 * @param workerId the worker of the current attempt, or of the last one once it ended
 */
public record TaskSummary(String taskId, String type, TaskStatus status, int attempt, Outcome outcome,
                          String workerId, int priority, Instant createdAt, Instant updatedAt) {

    static TaskSummary of(Document doc) {
        return new TaskSummary(doc.getString("_id"), doc.getString("type"), status(doc.getString("status")),
                intValue(doc, "attempt"), outcome(doc.getString("outcome")), doc.getString("workerId"),
                intValue(doc, "priority"), instant(doc, "createdAt"), instant(doc, "updatedAt"));
    }

    static TaskStatus status(String name) {
        return name == null ? null : TaskStatus.valueOf(name);
    }

    static Outcome outcome(String name) {
        return name == null ? null : Outcome.valueOf(name);
    }
}
