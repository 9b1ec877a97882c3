package io.aviary.projections.worker;

import com.mongodb.client.model.Updates;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskStatus;
import io.aviary.events.worker.WorkerState;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static io.aviary.projections.mongo.Bson.date;
import static io.aviary.projections.mongo.Bson.instant;
import static io.aviary.projections.mongo.Bson.intValue;
import static io.aviary.projections.mongo.Bson.longValue;
import static io.aviary.projections.mongo.Bson.stringList;
import static io.aviary.projections.mongo.Bson.stringMap;

/**
 * The shape of a {@code workers} document (see READ_MODELS.md): {@code _id} = worker id. A document can exist
 * with {@code lastOutcomes} only, when task events overtake the worker's registration (they come from other
 * partitions); readers treat a document without {@code name} as not (yet) registered.
 */
public final class WorkerDocuments {

    public static final String COLLECTION = "workers";

    private WorkerDocuments() {
    }

    /** The {@code $set} that writes what changed in the view, or {@code null} when nothing did. */
    public static Bson toUpdate(WorkerView view) {
        List<Bson> sets = new ArrayList<>();
        if (view.workerChanged) {
            sets.add(Updates.set("name", view.name));
            sets.add(Updates.set("hardwareId", view.hardwareId));
            sets.add(Updates.set("state", view.state == null ? null : view.state.name()));
            sets.add(Updates.set("stateReason", view.stateReason));
            sets.add(Updates.set("slots", view.slots));
            sets.add(Updates.set("maxQueue", view.maxQueue));
            sets.add(Updates.set("taskTypes", view.taskTypes));
            sets.add(Updates.set("labels", new Document(new TreeMap<>(view.labels))));
            sets.add(Updates.set("registeredAt", date(view.registeredAt)));
            sets.add(Updates.set("updatedAt", date(view.updatedAt)));
            sets.add(Updates.set("seq", view.seq));
        }
        if (view.outcomesChanged) {
            Document outcomes = new Document();
            view.lastOutcomes.forEach((type, outcome) -> outcomes.append(type, new Document("taskId", outcome.taskId())
                    .append("outcome", outcome.outcome() == null ? null : outcome.outcome().name())
                    .append("status", outcome.status() == null ? null : outcome.status().name())
                    .append("at", date(outcome.at()))));
            sets.add(Updates.set("lastOutcomes", outcomes));
        }
        return sets.isEmpty() ? null : Updates.combine(sets);
    }

    public static WorkerView fromDocument(Document document) {
        WorkerView view = new WorkerView(document.getString("_id"));
        view.name = document.getString("name");
        view.hardwareId = document.getString("hardwareId");
        String state = document.getString("state");
        view.state = state == null ? null : WorkerState.valueOf(state);
        view.stateReason = document.getString("stateReason");
        view.slots = intValue(document, "slots", 0);
        view.maxQueue = intValue(document, "maxQueue", 0);
        view.taskTypes = stringList(document, "taskTypes");
        view.labels = stringMap(document, "labels");
        view.registeredAt = instant(document, "registeredAt");
        view.updatedAt = instant(document, "updatedAt");
        Document outcomes = document.get("lastOutcomes", Document.class);
        if (outcomes != null) {
            outcomes.forEach((type, value) -> {
                Document outcome = (Document) value;
                String name = outcome.getString("outcome");
                String status = outcome.getString("status");
                view.lastOutcomes.put(type, new LastOutcome(outcome.getString("taskId"),
                        name == null ? null : Outcome.valueOf(name), status == null ? null : TaskStatus.valueOf(status),
                        instant(outcome, "at")));
            });
        }
        view.seq = longValue(document, "seq", WorkerView.NO_SEQUENCE);
        return view;
    }
}
