package io.aviary.projections.area;

import com.mongodb.client.MongoCollection;
import io.aviary.events.area.AreaActionCompleted;
import io.aviary.events.area.AreaEvent;
import io.aviary.events.area.AreaExecutionCompleted;
import io.aviary.events.area.AreaReactionCompleted;
import io.aviary.projections.apply.BatchOutcome;
import io.aviary.projections.apply.BatchProjection;
import io.aviary.projections.apply.CollectionResolver;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.mongo.BatchIo;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AREA events -> {@code areas} (one per AREA), {@code area_executions} (one per execution, {@code _id} =
 * {@code <areaId>:<n>}) and {@code area_deliveries} (one per webhook delivery that fired, {@code _id} =
 * {@code <areaId>:<n>}). Executions and deliveries are numbered per AREA in fire order, so the query for an AREA's
 * page of executions computes the {@code _id}s it needs from the count in the {@code areas} document: always by
 * {@code _id}, never a scan (mongo-java-server ignores the non-unique {@code areaId} index such a query would need).
 *
 * <p>Every AREA event is one aggregate in one sequence, so the {@code areas} document's sequence decides what is new
 * for all three; it is written last. Executions also keep their own sequence and deliveries are written whole under
 * their own key, so a batch redelivered after a crash between the writes derives the same documents.
 */
public final class AreaProjection implements BatchProjection {

    public static final String AREAS = "areas";
    public static final String EXECUTIONS = "area_executions";
    public static final String DELIVERIES = "area_deliveries";
    public static final List<String> COLLECTIONS = List.of(AREAS, EXECUTIONS, DELIVERIES);
    private static final Logger log = LoggerFactory.getLogger(AreaProjection.class);

    private record Step(ProjectedEvent event, AreaView.Routed routed) {
    }

    private final MongoCollection<Document> areas;
    private final MongoCollection<Document> executions;
    private final MongoCollection<Document> deliveries;

    public AreaProjection(CollectionResolver collections) {
        this.areas = collections.collection(AREAS);
        this.executions = collections.collection(EXECUTIONS);
        this.deliveries = collections.collection(DELIVERIES);
    }

    @Override
    public void apply(List<ProjectedEvent> batch, BatchOutcome outcome) {
        Map<String, List<ProjectedEvent>> byArea = new LinkedHashMap<>();
        for (ProjectedEvent event : batch) {
            if (event.event() instanceof AreaEvent area && area.areaId() != null) {
                byArea.computeIfAbsent(area.areaId(), id -> new ArrayList<>()).add(event);
            }
        }
        if (byArea.isEmpty()) {
            return;
        }
        Map<String, Document> stored = BatchIo.loadById(areas, byArea.keySet());
        List<AreaView> changedAreas = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        List<Document> newDeliveries = new ArrayList<>();
        byArea.forEach((areaId, events) -> {
            Document document = stored.get(areaId);
            AreaView view = document == null ? new AreaView(areaId) : AreaView.fromDocument(document);
            for (ProjectedEvent event : events) {
                Optional<AreaView.Routed> routed = view.apply(event.sequence(), (AreaEvent) event.event());
                if (routed.isEmpty()) {
                    continue;
                }
                outcome.applied(event);
                if (routed.get().delivery() != null) {
                    newDeliveries.add(routed.get().delivery());
                }
                if (routed.get().executionKey() != null) {
                    steps.add(new Step(event, routed.get()));
                } else if (isExecutionStep(event)) {
                    log.warn("AREA {}: step {} ({}) of an execution this read model never saw fire; skipped",
                            areaId, event.event().getClass().getSimpleName(), event.eventId());
                }
            }
            if (view.changed) {
                changedAreas.add(view);
            }
        });

        Map<String, ExecutionView> executionViews = executionViews(steps);
        for (Step step : steps) {
            executionViews.get(step.routed().executionKey())
                    .apply(step.event().sequence(), (AreaEvent) step.event().event(), step.routed());
        }
        List<Document> changedExecutions = executionViews.values().stream().filter(view -> view.changed)
                .map(ExecutionView::toDocument).toList();

        outcome.written(DELIVERIES, BatchIo.write(deliveries, newDeliveries.stream().map(BatchIo::replace).toList()));
        outcome.written(EXECUTIONS, BatchIo.write(executions,
                changedExecutions.stream().map(BatchIo::replace).toList()));
        // last: its sequence gates the two writes above
        outcome.written(AREAS, BatchIo.write(areas,
                changedAreas.stream().map(AreaView::toDocument).map(BatchIo::replace).toList()));
    }

    private Map<String, ExecutionView> executionViews(List<Step> steps) {
        List<String> keys = steps.stream().map(step -> step.routed().executionKey()).distinct().toList();
        Map<String, Document> stored = BatchIo.loadById(executions, keys);
        Map<String, ExecutionView> views = new LinkedHashMap<>();
        for (String key : keys) {
            Document document = stored.get(key);
            views.put(key, document == null ? new ExecutionView(key) : ExecutionView.fromDocument(document));
        }
        return views;
    }

    private static boolean isExecutionStep(ProjectedEvent event) {
        return event.event() instanceof AreaActionCompleted || event.event() instanceof AreaReactionCompleted
                || event.event() instanceof AreaExecutionCompleted;
    }
}
