package io.aviary.projections.apply;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.aviary.events.task.TaskEvent;
import io.aviary.events.worker.WorkerEvent;
import io.aviary.projections.mongo.BatchIo;
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

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code tasks}, {@code workers} and {@code worker_queues}. The {@code tasks} documents carry the sequence that
 * gates every task-derived change, so they are written last: if the process dies after the queues or workers were
 * written but before the tasks, the redelivered batch derives the same changes again, and those are idempotent by
 * their own keys (task id + attempt; outcome time). Round trips per batch: the tasks read; the queues and workers
 * read at the same time; the queues and workers written at the same time; the tasks written.
 */
final class TaskWorkerProjection implements BatchProjection {

    static final List<String> COLLECTIONS =
            List.of(TaskDocuments.COLLECTION, WorkerDocuments.COLLECTION, WorkerQueueDocuments.COLLECTION);

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final UpdateOptions UPSERT_UPDATE = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> tasks;
    private final MongoCollection<Document> workers;
    private final MongoCollection<Document> queues;
    private final TaskProjection taskProjection = new TaskProjection();
    private final WorkerProjection workerProjection = new WorkerProjection();
    private final WorkerQueueProjection queueProjection = new WorkerQueueProjection();

    TaskWorkerProjection(CollectionResolver collections) {
        this.tasks = collections.collection(TaskDocuments.COLLECTION);
        this.workers = collections.collection(WorkerDocuments.COLLECTION);
        this.queues = collections.collection(WorkerQueueDocuments.COLLECTION);
    }

    @Override
    public void apply(List<ProjectedEvent> batch, BatchOutcome outcome) {
        Map<String, List<ProjectedEvent>> taskEvents = new LinkedHashMap<>();
        Map<String, List<ProjectedEvent>> workerEvents = new LinkedHashMap<>();
        for (ProjectedEvent event : batch) {
            if (event.event() instanceof TaskEvent task && task.taskId() != null) {
                taskEvents.computeIfAbsent(task.taskId(), id -> new ArrayList<>()).add(event);
            } else if (event.event() instanceof WorkerEvent worker && worker.workerId() != null) {
                workerEvents.computeIfAbsent(worker.workerId(), id -> new ArrayList<>()).add(event);
            }
        }
        if (taskEvents.isEmpty() && workerEvents.isEmpty()) {
            return;
        }

        Map<String, TaskView> taskViews = load(tasks, taskEvents.keySet(), TaskDocuments::fromDocument, TaskView::new);
        List<TaskChange> changes = new ArrayList<>();
        List<TaskView> changedTasks = new ArrayList<>();
        taskEvents.forEach((taskId, events) -> {
            TaskView view = taskViews.get(taskId);
            int before = changes.size();
            for (ProjectedEvent event : events) {
                Optional<TaskChange> change = taskProjection.apply(view, event.sequence(), (TaskEvent) event.event());
                if (change.isPresent()) {
                    changes.add(change.get());
                    outcome.applied(event);
                }
            }
            if (changes.size() > before) {
                changedTasks.add(view);
            }
        });

        List<String> queueIds =
                changes.stream().flatMap(change -> WorkerQueueProjection.workersOf(change).stream()).toList();
        List<Map.Entry<String, Map.Entry<String, LastOutcome>>> outcomes = new ArrayList<>();
        for (TaskChange change : changes) {
            Optional<Map.Entry<String, LastOutcome>> last = WorkerProjection.outcomeOf(change);
            if (last.isPresent() && change.event().type() != null) {
                outcomes.add(Map.entry(change.event().type(), last.get()));
            }
        }
        List<String> workerIds = new ArrayList<>(workerEvents.keySet());
        outcomes.forEach(last -> workerIds.add(last.getValue().getKey()));
        // the queues and the workers are read at the same time (two round trips in parallel)
        Concurrently.Pair<Map<String, WorkerQueueView>, Map<String, WorkerView>> loaded = Concurrently.both(
                () -> load(queues, queueIds, WorkerQueueDocuments::fromDocument, WorkerQueueView::new),
                () -> load(workers, workerIds, WorkerDocuments::fromDocument, WorkerView::new));
        Map<String, WorkerQueueView> queueViews = loaded.first();
        Map<String, WorkerView> workerViews = loaded.second();
        changes.forEach(change -> queueProjection.apply(change, queueViews::get));

        for (Map.Entry<String, List<ProjectedEvent>> entry : workerEvents.entrySet()) {
            WorkerView view = workerViews.get(entry.getKey());
            for (ProjectedEvent event : entry.getValue()) {
                if (workerProjection.apply(view, event.sequence(), (WorkerEvent) event.event())) {
                    outcome.applied(event);
                }
            }
        }
        outcomes.forEach(last -> workerProjection.recordOutcome(workerViews.get(last.getValue().getKey()),
                last.getKey(), last.getValue().getValue()));

        List<WriteModel<Document>> queueWrites = queueViews.values().stream()
                .filter(WorkerQueueView::changed)
                .<WriteModel<Document>>map(view -> new ReplaceOneModel<>(Filters.eq("_id", view.workerId()),
                        WorkerQueueDocuments.toDocument(view), UPSERT))
                .toList();
        List<WriteModel<Document>> workerWrites = workerViews.values().stream()
                .filter(WorkerView::changed)
                .<WriteModel<Document>>map(view -> new UpdateOneModel<>(Filters.eq("_id", view.workerId()),
                        WorkerDocuments.toUpdate(view), UPSERT_UPDATE))
                .toList();
        // queues and workers at the same time, both before the tasks (whose sequences gate the rest)
        Concurrently.run(List.of(
                () -> outcome.written(WorkerQueueDocuments.COLLECTION, BatchIo.write(queues, queueWrites)),
                () -> outcome.written(WorkerDocuments.COLLECTION, BatchIo.write(workers, workerWrites))));
        outcome.written(TaskDocuments.COLLECTION, BatchIo.write(tasks, changedTasks.stream()
                .<WriteModel<Document>>map(view -> new ReplaceOneModel<>(Filters.eq("_id", view.taskId()),
                        TaskDocuments.toDocument(view), UPSERT))
                .toList()));
    }

    /** The current document of every id (one {@code $in} query on {@code _id}), or a fresh view for a new id. */
    private static <V> Map<String, V> load(MongoCollection<Document> collection, Collection<String> ids,
                                           Function<Document, V> fromDocument, Function<String, V> fresh) {
        Map<String, V> views = new LinkedHashMap<>();
        BatchIo.loadById(collection, ids).forEach((id, document) -> views.put(id, fromDocument.apply(document)));
        ids.forEach(id -> views.computeIfAbsent(id, fresh));
        return views;
    }
}
