package io.aviary.projections.analytics;

import com.mongodb.client.MongoCollection;
import io.aviary.events.task.TaskEvent;
import io.aviary.projections.apply.BatchOutcome;
import io.aviary.projections.apply.BatchProjection;
import io.aviary.projections.apply.CollectionResolver;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.mongo.BatchIo;
import io.aviary.projections.mongo.UtcKeys;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Task events -> {@code analytics_fleet}, one document per UTC hour ({@code _id = yyyy-MM-ddTHH}) with per task
 * type counts and latency histograms and per worker busy time, using the per-task memory in
 * {@code analytics_task_timings} ({@link TaskTiming}).
 *
 * <p>Idempotence: the timings document is guarded by the task sequence and written last (it gates which events are
 * new); each hour document also records, per task, the highest sequence it counted ({@link FleetHourView#admit}).
 * So a batch redelivered after a crash between the two writes derives the same contributions from the unchanged
 * timings, and the hour documents that already hold them skip them.
 */
public final class FleetAnalyticsProjection implements BatchProjection {

    public static final String COLLECTION = "analytics_fleet";
    public static final String TIMINGS = TaskTiming.COLLECTION;
    public static final List<String> COLLECTIONS = List.of(COLLECTION, TIMINGS);

    private final MongoCollection<Document> hours;
    private final MongoCollection<Document> timings;

    public FleetAnalyticsProjection(CollectionResolver collections) {
        this.hours = collections.collection(COLLECTION);
        this.timings = collections.collection(TIMINGS);
    }

    private record Derived(ProjectedEvent event, String taskId, List<TaskTiming.Contribution> contributions) {
    }

    @Override
    public void apply(List<ProjectedEvent> batch, BatchOutcome outcome) {
        Map<String, List<ProjectedEvent>> byTask = new LinkedHashMap<>();
        for (ProjectedEvent event : batch) {
            if (event.event() instanceof TaskEvent task && task.taskId() != null) {
                byTask.computeIfAbsent(task.taskId(), id -> new ArrayList<>()).add(event);
            }
        }
        if (byTask.isEmpty()) {
            return;
        }
        Map<String, Document> storedTimings = BatchIo.loadById(timings, byTask.keySet());
        List<TaskTiming> changedTimings = new ArrayList<>();
        List<Derived> derived = new ArrayList<>();
        byTask.forEach((taskId, events) -> {
            Document document = storedTimings.get(taskId);
            TaskTiming timing = document == null ? new TaskTiming(taskId) : TaskTiming.fromDocument(document);
            long before = timing.seq;
            for (ProjectedEvent event : events) {
                if (event.sequence() > timing.seq) {
                    derived.add(new Derived(event, taskId, timing.apply(event.sequence(), (TaskEvent) event.event())));
                    outcome.applied(event);
                }
            }
            if (timing.seq != before) {
                changedTimings.add(timing);
            }
        });

        List<String> hourIds = derived.stream().flatMap(d -> d.contributions().stream())
                .map(c -> UtcKeys.hour(c.at())).distinct().toList();
        Map<String, FleetHourView> views = new LinkedHashMap<>();
        BatchIo.loadById(hours, hourIds).forEach((id, document) -> views.put(id, FleetHourView.fromDocument(document)));
        for (Derived d : derived) {
            Map<String, List<TaskTiming.Contribution>> byHour = new LinkedHashMap<>();
            d.contributions().forEach(c ->
                    byHour.computeIfAbsent(UtcKeys.hour(c.at()), id -> new ArrayList<>()).add(c));
            byHour.forEach((hourId, contributions) -> {
                FleetHourView view = views.computeIfAbsent(hourId,
                        id -> new FleetHourView(id, UtcKeys.hourStart(contributions.get(0).at())));
                if (view.admit(d.taskId(), d.event().sequence())) {
                    contributions.forEach(c -> c.change().accept(view));
                }
            });
        }

        // hours first, timings last: the timings decide what is new (see the class comment)
        outcome.written(COLLECTION, BatchIo.write(hours, views.values().stream().filter(view -> view.changed)
                .map(view -> BatchIo.replace(view.toDocument())).toList()));
        outcome.written(TIMINGS, BatchIo.write(timings, changedTimings.stream()
                .map(timing -> BatchIo.replace(timing.toDocument())).toList()));
    }
}
