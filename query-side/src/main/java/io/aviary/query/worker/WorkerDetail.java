package io.aviary.query.worker;

import io.aviary.events.worker.WorkerState;
import org.bson.Document;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker with, for each task type it accepts, the last finished task of that type ({@code null} if none yet).
 */
public record WorkerDetail(String workerId, String name, String hardwareId, WorkerState state, String stateReason,
                           int slots, int maxQueue, List<String> taskTypes, Map<String, String> labels,
                           Instant registeredAt, Instant updatedAt, Map<String, LastOutcome> lastOutcomes) {

    static WorkerDetail of(Document doc) {
        WorkerSummary worker = WorkerSummary.of(doc);
        Document stored = doc.get("lastOutcomes", Document.class);
        Map<String, LastOutcome> outcomes = new LinkedHashMap<>();
        for (String taskType : worker.taskTypes()) {
            Document outcome = stored == null ? null : stored.get(taskType, Document.class);
            outcomes.put(taskType, outcome == null ? null : LastOutcome.of(outcome));
        }
        return new WorkerDetail(worker.workerId(), worker.name(), worker.hardwareId(), worker.state(),
                worker.stateReason(), worker.slots(), worker.maxQueue(), worker.taskTypes(), worker.labels(),
                worker.registeredAt(), worker.updatedAt(), outcomes);
    }
}
