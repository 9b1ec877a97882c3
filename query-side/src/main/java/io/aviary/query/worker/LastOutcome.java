package io.aviary.query.worker;

import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskStatus;
import org.bson.Document;

import java.time.Instant;

import static io.aviary.query.mongo.Documents.instant;

/**
 * The last finished task of one type on a worker.
 *
 * @param taskId  the task
 * @param outcome SUCCESS or WARNING for a completed task, FAILURE for a dead-lettered one
 * @param status  COMPLETED or DEAD_LETTERED
 * @param at      when it finished
 */
public record LastOutcome(String taskId, Outcome outcome, TaskStatus status, Instant at) {

    static LastOutcome of(Document doc) {
        String outcome = doc.getString("outcome");
        String status = doc.getString("status");
        return new LastOutcome(doc.getString("taskId"), outcome == null ? null : Outcome.valueOf(outcome),
                status == null ? null : TaskStatus.valueOf(status), instant(doc, "at"));
    }
}
