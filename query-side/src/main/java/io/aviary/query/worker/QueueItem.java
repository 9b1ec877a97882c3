package io.aviary.query.worker;

import org.bson.Document;

import java.time.Instant;

import static io.aviary.query.mongo.Documents.instant;
import static io.aviary.query.mongo.Documents.intValue;

/**
 * One attempt in a worker's queue.
 *
 * @param status current view: ASSIGNED or RUNNING; history view: SUCCESS, WARNING, FAILURE, TIMED_OUT, REASSIGNED,
 *               REQUEUED or CANCELLED
 */
public record QueueItem(String taskId, int attempt, String type, int priority, String status, Instant assignedAt,
                        Instant startedAt, Instant finishedAt, String message) {

    static QueueItem of(Document doc) {
        return new QueueItem(doc.getString("taskId"), intValue(doc, "attempt"), doc.getString("type"),
                intValue(doc, "priority"), doc.getString("status"), instant(doc, "assignedAt"),
                instant(doc, "startedAt"), instant(doc, "finishedAt"), doc.getString("message"));
    }
}
