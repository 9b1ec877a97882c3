package io.aviary.projections.apply;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.aviary.events.task.TaskEvent;
import io.aviary.events.worker.WorkerEvent;
import io.aviary.projections.queue.WorkerQueueDocuments;
import io.aviary.projections.queue.WorkerQueueProjection;
import io.aviary.projections.queue.WorkerQueueView;
import io.aviary.projections.task.TaskChange;
import io.aviary.projections.task.TaskDocuments;
import io.aviary.projections.task.TaskProjection;
import io.aviary.projections.task.TaskView;
import io.aviary.projections.worker.LastOutcome;
import io.aviary.projections.worker.WorkerDocuments;
import io.aviary.projections.worker.WorkerProjection;
import io.aviary.projections.worker.WorkerView;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies a batch of events to the read models with a fixed number of round trips: per collection, one
 * {@code $in} read of the current documents by {@code _id} and one unordered {@code bulkWrite} of upserts filtered by
 * {@code _id} alone. Idempotence is decided in memory from the sequence each document holds, never in a write
 * filter: the embedded server scans the whole collection for a filter such as {@code {_id: X, seq: {$lt: n}}}.
 *
 * <p>The {@code tasks} documents carry the sequence that gates every task-derived change, so they are written last:
 * if the process dies after the queues or workers were written but before the tasks, the redelivered batch derives
 * the same changes again, and those are idempotent by their own keys (task id + attempt; outcome time).
 */
public final class ReadModelProjector {

    private static final Logger log = LoggerFactory.getLogger(ReadModelProjector.class);
    private static final int DUPLICATE_KEY = 11000;
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final UpdateOptions UPSERT_UPDATE = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> tasks;
    private final MongoCollection<Document> workers;
    private final MongoCollection<Document> queues;
    private final TaskProjection taskProjection = new TaskProjection();
    private final WorkerProjection workerProjection = new WorkerProjection();
    private final WorkerQueueProjection queueProjection = new WorkerQueueProjection();

    public ReadModelProjector(MongoDatabase database) {
        this.tasks = database.getCollection(TaskDocuments.COLLECTION);
        this.workers = database.getCollection(WorkerDocuments.COLLECTION);
        this.queues = database.getCollection(WorkerQueueDocuments.COLLECTION);
    }

    /** Applies the events (in the order given per aggregate) and returns what changed. */
    public BatchResult apply(List<ProjectedEvent> batch) {
        Map<String, List<ProjectedEvent>> taskEvents = new LinkedHashMap<>();
        Map<String, List<ProjectedEvent>> workerEvents = new LinkedHashMap<>();
        for (ProjectedEvent event : batch) {
            if (event.event() instanceof TaskEvent task && task.taskId() != null) {
                taskEvents.computeIfAbsent(task.taskId(), id -> new ArrayList<>()).add(event);
            } else if (event.event() instanceof WorkerEvent worker && worker.workerId() != null) {
                workerEvents.computeIfAbsent(worker.workerId(), id -> new ArrayList<>()).add(event);
            } else {
                log.warn("Skipping event {} ({}): no aggregate id", event.eventId(), event.event().getClass());
            }
        }

        Map<String, TaskView> taskViews = load(tasks, taskEvents.keySet(), TaskDocuments::fromDocument, TaskView::new);
        List<TaskChange> changes = new ArrayList<>();
        List<TaskView> changedTasks = new ArrayList<>();
        taskEvents.forEach((taskId, events) -> {
            TaskView view = taskViews.get(taskId);
            int before = changes.size();
            for (ProjectedEvent event : events) {
                taskProjection.apply(view, event.sequence(), (TaskEvent) event.event()).ifPresent(changes::add);
            }
            if (changes.size() > before) {
                changedTasks.add(view);
            }
        });

        Map<String, WorkerQueueView> queueViews = load(queues,
                changes.stream().flatMap(change -> WorkerQueueProjection.workersOf(change).stream()).toList(),
                WorkerQueueDocuments::fromDocument, WorkerQueueView::new);
        changes.forEach(change -> queueProjection.apply(change, queueViews::get));

        List<Map.Entry<String, Map.Entry<String, LastOutcome>>> outcomes = new ArrayList<>();
        for (TaskChange change : changes) {
            Optional<Map.Entry<String, LastOutcome>> outcome = WorkerProjection.outcomeOf(change);
            if (outcome.isPresent() && change.event().type() != null) {
                outcomes.add(Map.entry(change.event().type(), outcome.get()));
            }
        }
        List<String> workerIds = new ArrayList<>(workerEvents.keySet());
        outcomes.forEach(outcome -> workerIds.add(outcome.getValue().getKey()));
        Map<String, WorkerView> workerViews = load(workers, workerIds, WorkerDocuments::fromDocument, WorkerView::new);
        int applied = changes.size();
        for (Map.Entry<String, List<ProjectedEvent>> entry : workerEvents.entrySet()) {
            WorkerView view = workerViews.get(entry.getKey());
            for (ProjectedEvent event : entry.getValue()) {
                if (workerProjection.apply(view, event.sequence(), (WorkerEvent) event.event())) {
                    applied++;
                }
            }
        }
        outcomes.forEach(outcome -> workerProjection.recordOutcome(workerViews.get(outcome.getValue().getKey()),
                outcome.getKey(), outcome.getValue().getValue()));

        int queuesWritten = write(queues, queueViews.values().stream().filter(WorkerQueueView::changed)
                .<WriteModel<Document>>map(view -> new ReplaceOneModel<>(Filters.eq("_id", view.workerId()),
                        WorkerQueueDocuments.toDocument(view), UPSERT))
                .toList());
        int workersWritten = write(workers, workerViews.values().stream().filter(WorkerView::changed)
                .<WriteModel<Document>>map(view -> new UpdateOneModel<>(Filters.eq("_id", view.workerId()),
                        WorkerDocuments.toUpdate(view), UPSERT_UPDATE))
                .toList());
        int tasksWritten = write(tasks, changedTasks.stream()
                .<WriteModel<Document>>map(view -> new ReplaceOneModel<>(Filters.eq("_id", view.taskId()),
                        TaskDocuments.toDocument(view), UPSERT))
                .toList());
        return new BatchResult(batch.size(), applied, tasksWritten, workersWritten, queuesWritten);
    }

    /** The current document of every id (one {@code $in} query on {@code _id}), or a fresh view for a new id. */
    private static <V> Map<String, V> load(MongoCollection<Document> collection, Collection<String> ids,
                                           Function<Document, V> fromDocument, Function<String, V> fresh) {
        Map<String, V> views = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return views;
        }
        List<String> distinct = ids.stream().distinct().toList();
        for (Document document : collection.find(Filters.in("_id", distinct))) {
            views.put(document.getString("_id"), fromDocument.apply(document));
        }
        distinct.forEach(id -> views.computeIfAbsent(id, fresh));
        return views;
    }

    /**
     * One unordered bulk write. A document the server rejects for its content (it would be rejected on every
     * retry) is logged and left out, so it cannot block the partition; a duplicate key on upsert means another
     * writer created the document concurrently and is worth a retry of the batch, as are connection failures
     * (thrown).
     */
    private static int write(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (writes.isEmpty()) {
            return 0;
        }
        try {
            collection.bulkWrite(writes, UNORDERED);
            return writes.size();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null
                    || e.getWriteErrors().stream().anyMatch(error -> error.getCode() == DUPLICATE_KEY)) {
                throw e;
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                log.error("MongoDB rejected a {} document, left out: {} (code {}) - {}", collection.getNamespace(),
                        error.getMessage(), error.getCode(), writes.get(error.getIndex()));
            }
            return writes.size() - e.getWriteErrors().size();
        }
    }
}
