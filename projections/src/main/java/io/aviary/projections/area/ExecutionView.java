package io.aviary.projections.area;

import io.aviary.events.area.AreaActionCompleted;
import io.aviary.events.area.AreaEvent;
import io.aviary.events.area.AreaExecutionCompleted;
import io.aviary.events.area.AreaFired;
import io.aviary.events.area.AreaReactionCompleted;
import io.aviary.events.task.Outcome;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static io.aviary.projections.mongo.Bson.date;
import static io.aviary.projections.mongo.Bson.instant;
import static io.aviary.projections.mongo.Bson.intValue;
import static io.aviary.projections.mongo.Bson.longValue;
import static io.aviary.projections.mongo.Bson.millis;

/**
 * One {@code area_executions} document ({@code _id} = {@code <areaId>:<ordinal>}, the AREA's n-th execution) while a
 * batch is applied. It also records the AREA sequence it last applied: after a crash between its write and the
 * {@code areas} write, the redelivered steps are recognised here too.
 *
 * <p>Durations come from the AREA's own event times: the action from the fire to its completion (queueing, retries
 * and backoff included), a reaction from the action's completion to its own, the execution from start to end.
 */
final class ExecutionView {

    static final String RUNNING = "RUNNING";

    final String key;
    String areaId;
    long ordinal;
    String executionId;
    String fireId;
    int version;
    String source;
    Instant scheduledFor;
    String deliveryId;
    Instant firedAt;
    int reactionsDefined;
    Document action;
    Instant actionCompletedAt;
    TreeMap<Integer, Document> reactions = new TreeMap<>();
    String status = RUNNING;
    Instant completedAt;
    Long durationMs;
    long seq = AreaView.NO_SEQUENCE;
    boolean changed;

    ExecutionView(String key) {
        this.key = key;
    }

    /** Applies a step of this execution if it is newer than what the document holds; returns whether it did. */
    boolean apply(long sequence, AreaEvent event, AreaView.Routed routed) {
        if (sequence <= seq) {
            return false;
        }
        if (event instanceof AreaFired e) {
            areaId = e.areaId();
            ordinal = routed.ordinal();
            executionId = e.executionId();
            fireId = e.fireId();
            version = e.version();
            source = e.source() == null ? null : e.source().name();
            scheduledFor = millis(e.scheduledFor());
            deliveryId = e.deliveryId();
            firedAt = millis(e.firedAt());
            reactionsDefined = routed.reactionsDefined();
        } else if (event instanceof AreaActionCompleted e) {
            actionCompletedAt = millis(e.completedAt());
            action = new Document("taskId", e.taskId())
                    .append("outcome", name(e.outcome()))
                    .append("attempts", e.attempts())
                    .append("triggered", e.triggered())
                    .append("completedAt", date(actionCompletedAt))
                    .append("durationMs", between(firedAt, actionCompletedAt));
        } else if (event instanceof AreaReactionCompleted e) {
            Instant at = millis(e.completedAt());
            reactions.put(e.index(), new Document("index", e.index())
                    .append("type", e.type())
                    .append("conditionHeld", e.conditionHeld())
                    .append("status", reactionStatus(e.conditionHeld(), e.outcome()))
                    .append("taskId", e.taskId())
                    .append("outcome", name(e.outcome()))
                    .append("attempts", e.attempts())
                    .append("completedAt", date(at))
                    .append("durationMs", e.conditionHeld() ? between(actionCompletedAt, at) : null));
        } else if (event instanceof AreaExecutionCompleted e) {
            status = e.status() == null ? null : e.status().name();
            completedAt = millis(e.completedAt());
            durationMs = between(e.startedAt() != null ? millis(e.startedAt()) : firedAt, completedAt);
        } else {
            return false;
        }
        seq = sequence;
        changed = true;
        return true;
    }

    /** SKIPPED (condition false: no task ran), SUCCEEDED (SUCCESS or WARNING), FAILED (dead-lettered, cancelled). */
    private static String reactionStatus(boolean conditionHeld, Outcome outcome) {
        if (!conditionHeld) {
            return "SKIPPED";
        }
        if (outcome == null) {
            return null;
        }
        return outcome.completesTask() ? "SUCCEEDED" : "FAILED";
    }

    private static Long between(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    Document toDocument() {
        return new Document("_id", key)
                .append("areaId", areaId)
                .append("ordinal", ordinal)
                .append("executionId", executionId)
                .append("fireId", fireId)
                .append("version", version)
                .append("source", source)
                .append("scheduledFor", date(scheduledFor))
                .append("deliveryId", deliveryId)
                .append("firedAt", date(firedAt))
                .append("reactionsDefined", reactionsDefined)
                .append("action", action)
                .append("reactions", new ArrayList<>(reactions.values()))
                .append("status", status)
                .append("completedAt", date(completedAt))
                .append("durationMs", durationMs)
                .append("seq", seq);
    }

    static ExecutionView fromDocument(Document document) {
        ExecutionView view = new ExecutionView(document.getString("_id"));
        view.areaId = document.getString("areaId");
        view.ordinal = longValue(document, "ordinal", 0);
        view.executionId = document.getString("executionId");
        view.fireId = document.getString("fireId");
        view.version = intValue(document, "version", 0);
        view.source = document.getString("source");
        view.scheduledFor = instant(document, "scheduledFor");
        view.deliveryId = document.getString("deliveryId");
        view.firedAt = instant(document, "firedAt");
        view.reactionsDefined = intValue(document, "reactionsDefined", 0);
        view.action = document.get("action", Document.class);
        view.actionCompletedAt = view.action == null ? null : instant(view.action, "completedAt");
        for (Document reaction : document.getList("reactions", Document.class, List.of())) {
            view.reactions.put(intValue(reaction, "index", 0), reaction);
        }
        view.status = document.getString("status");
        view.completedAt = instant(document, "completedAt");
        Object duration = document.get("durationMs");
        view.durationMs = duration instanceof Number number ? number.longValue() : null;
        view.seq = longValue(document, "seq", AreaView.NO_SEQUENCE);
        return view;
    }
}
