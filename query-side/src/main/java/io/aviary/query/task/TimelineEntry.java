package io.aviary.query.task;

import io.aviary.events.task.TaskStatus;
import org.bson.Document;

import java.time.Instant;

import static io.aviary.query.mongo.Documents.instant;
import static io.aviary.query.mongo.Documents.intValue;

/**
 * One state change of a task.
 *
 * @param event  the event's simple name, e.g. {@code TaskAssigned}
 * @param status the task's status after it
 */
public record TimelineEntry(String event, TaskStatus status, int attempt, String workerId, Instant at,
                            String detail) {

    static TimelineEntry of(Document doc) {
        return new TimelineEntry(doc.getString("event"), TaskSummary.status(doc.getString("status")),
                intValue(doc, "attempt"), doc.getString("workerId"), instant(doc, "at"), doc.getString("detail"));
    }
}
