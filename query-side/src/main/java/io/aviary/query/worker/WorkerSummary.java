package io.aviary.query.worker;

import io.aviary.events.worker.WorkerState;
import org.bson.Document;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.aviary.query.mongo.Documents.instant;
import static io.aviary.query.mongo.Documents.intValue;
import static io.aviary.query.mongo.Documents.stringMap;
import static io.aviary.query.mongo.Documents.strings;

/** A worker as listed. */
public record WorkerSummary(String workerId, String name, String hardwareId, WorkerState state, String stateReason,
                            int slots, int maxQueue, List<String> taskTypes, Map<String, String> labels,
                            Instant registeredAt, Instant updatedAt) {

    static WorkerSummary of(Document doc) {
        String state = doc.getString("state");
        return new WorkerSummary(doc.getString("_id"), doc.getString("name"), doc.getString("hardwareId"),
                state == null ? null : WorkerState.valueOf(state), doc.getString("stateReason"),
                intValue(doc, "slots"), intValue(doc, "maxQueue"), strings(doc, "taskTypes"),
                stringMap(doc, "labels"), instant(doc, "registeredAt"), instant(doc, "updatedAt"));
    }
}
