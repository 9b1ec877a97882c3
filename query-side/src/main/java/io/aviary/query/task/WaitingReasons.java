package io.aviary.query.task;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.aviary.events.worker.WorkerState;
import io.aviary.query.mongo.Documents;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link WaitingReason}s of a page of {@code tasks} documents. Whatever the page size, the fleet is read once:
 * one {@code workers} find for the types of the waiting tasks and one {@code worker_queues} find (by {@code _id})
 * for how much the workers taking work hold; nothing is read when no task of the page waits.
 */
@Component
class WaitingReasons {

    private static final Bson WORKER_FIELDS = Projections.include("name", "state", "taskTypes", "labels", "slots",
            "maxQueue");

    private final MongoCollection<Document> workers;
    private final MongoCollection<Document> queues;
    private final Clock clock = Clock.systemUTC();

    WaitingReasons(MongoDatabase database) {
        this.workers = database.getCollection("workers");
        this.queues = database.getCollection("worker_queues");
    }

    /** By task id, for the tasks that wait with a reason; the others are absent. */
    Map<String, WaitingReason> of(List<Document> tasks) {
        Instant now = clock.instant();
        List<Document> waiting = tasks.stream()
                .filter(task -> task.getString("type") != null)
                .filter(task -> WaitingRule.waitsForWorker(TaskSummary.status(task.getString("status")),
                        Documents.instant(task, "notBefore"), now))
                .toList();
        if (waiting.isEmpty()) {
            return Map.of();
        }
        Set<String> types = new LinkedHashSet<>();
        waiting.forEach(task -> types.add(task.getString("type")));
        List<FleetWorker> fleet = fleet(types);
        Map<String, WaitingReason> reasons = new HashMap<>();
        for (Document task : waiting) {
            WaitingRule.explain(task.getString("type"), Documents.stringMap(task, "requiredLabels"), fleet)
                    .ifPresent(reason -> reasons.put(task.getString("_id"), reason));
        }
        return reasons;
    }

    /** The registered workers running any of {@code types}, with the attempts they hold. */
    private List<FleetWorker> fleet(Set<String> types) {
        List<Document> registered = new ArrayList<>();
        workers.find(Filters.and(Filters.exists("name"), Filters.in("taskTypes", types))).projection(WORKER_FIELDS)
                .forEach(doc -> {
                    if (doc.getString("name") != null && doc.getString("state") != null) {
                        registered.add(doc);
                    }
                });
        List<String> up = registered.stream().filter(doc -> state(doc).acceptsWork())
                .map(doc -> doc.getString("_id")).toList();
        Map<String, Integer> active = new HashMap<>();
        if (!up.isEmpty()) {
            queues.find(Filters.in("_id", up)).projection(Projections.include("current"))
                    .forEach(queue -> active.put(queue.getString("_id"), Documents.documents(queue, "current").size()));
        }
        return registered.stream().map(doc -> new FleetWorker(doc.getString("_id"), state(doc),
                Documents.strings(doc, "taskTypes"), Documents.stringMap(doc, "labels"),
                Documents.intValue(doc, "slots"), Documents.intValue(doc, "maxQueue"),
                active.getOrDefault(doc.getString("_id"), 0))).toList();
    }

    private static WorkerState state(Document worker) {
        return WorkerState.valueOf(worker.getString("state"));
    }
}
