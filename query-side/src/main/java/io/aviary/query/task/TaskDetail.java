package io.aviary.query.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskStatus;
import io.aviary.query.mongo.Documents;
import org.bson.Document;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.aviary.query.mongo.Documents.instant;
import static io.aviary.query.mongo.Documents.intValue;
import static io.aviary.query.mongo.Documents.object;

/**
 * A task with its timeline.
 *
 * @param workerId      the worker of the current attempt, or of the last one once it ended
 * @param failures      failed attempts so far (failures and time-outs)
 * @param notBefore     earliest next assignment while RETRY_SCHEDULED, else {@code null}
 * @param message       the last attempt's message, or the cancel reason
 * @param waitingReason why a task waiting to be assigned has no worker; absent when it does not wait for one
 */
public record TaskDetail(String taskId, String type, TaskStatus status, int attempt, Outcome outcome, String workerId,
                         int priority, Map<String, Object> payload, Map<String, String> requiredLabels,
                         int maxAttempts, int failures, int assignmentFee, int completionReward, Instant createdAt,
                         Instant updatedAt, Instant notBefore, String message, Map<String, Object> output,
                         List<TimelineEntry> timeline,
                         @JsonInclude(JsonInclude.Include.NON_NULL) WaitingReason waitingReason) {

    static TaskDetail of(Document doc, WaitingReason waitingReason) {
        return new TaskDetail(doc.getString("_id"), doc.getString("type"), TaskSummary.status(doc.getString("status")),
                intValue(doc, "attempt"), TaskSummary.outcome(doc.getString("outcome")), doc.getString("workerId"),
                intValue(doc, "priority"), object(doc, "payload"), Documents.stringMap(doc, "requiredLabels"),
                intValue(doc, "maxAttempts"), intValue(doc, "failures"), intValue(doc, "assignmentFee"),
                intValue(doc, "completionReward"), instant(doc, "createdAt"), instant(doc, "updatedAt"),
                instant(doc, "notBefore"), doc.getString("message"), object(doc, "output"),
                Documents.documents(doc, "timeline").stream().map(TimelineEntry::of).toList(), waitingReason);
    }
}
