package io.aviary.query.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskStatus;
import org.bson.Document;

import java.time.Instant;

import static io.aviary.query.mongo.Documents.instant;
import static io.aviary.query.mongo.Documents.intValue;

/**
 * A task as listed.
 *
 * @param workerId      the worker of the current attempt, or of the last one once it ended
 * @param waitingReason why a task waiting to be assigned has no worker; absent when it does not wait for one
 */
public record TaskSummary(String taskId, String type, TaskStatus status, int attempt, Outcome outcome,
                          String workerId, int priority, Instant createdAt, Instant updatedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) WaitingReason waitingReason) {

    static TaskSummary of(Document doc, WaitingReason waitingReason) {
        return new TaskSummary(doc.getString("_id"), doc.getString("type"), status(doc.getString("status")),
                intValue(doc, "attempt"), outcome(doc.getString("outcome")), doc.getString("workerId"),
                intValue(doc, "priority"), instant(doc, "createdAt"), instant(doc, "updatedAt"), waitingReason);
    }

    static TaskStatus status(String name) {
        return name == null ? null : TaskStatus.valueOf(name);
    }

    static Outcome outcome(String name) {
        return name == null ? null : Outcome.valueOf(name);
    }
}
