package io.aviary.projections.area;

import io.aviary.events.area.ActionSpec;
import io.aviary.events.area.AreaActionCompleted;
import io.aviary.events.area.AreaDeleted;
import io.aviary.events.area.AreaEvent;
import io.aviary.events.area.AreaExecutionCompleted;
import io.aviary.events.area.AreaFired;
import io.aviary.events.area.AreaPaused;
import io.aviary.events.area.AreaReactionCompleted;
import io.aviary.events.area.AreaResumed;
import io.aviary.events.area.AreaScheduled;
import io.aviary.events.area.AreaUpdated;
import io.aviary.events.area.AreaWebhookSecretRotated;
import io.aviary.events.area.FireSource;
import io.aviary.events.area.ReactionSpec;
import io.aviary.events.area.RetryPolicy;
import io.aviary.events.area.TriggerKind;
import io.aviary.events.area.TriggerSpec;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import static io.aviary.projections.mongo.Bson.date;
import static io.aviary.projections.mongo.Bson.instant;
import static io.aviary.projections.mongo.Bson.intValue;
import static io.aviary.projections.mongo.Bson.longValue;
import static io.aviary.projections.mongo.Bson.millis;

/**
 * The {@code areas} document of one AREA while a batch is applied ({@code _id} = area id). Every event of the AREA,
 * its executions' steps included, is one aggregate with one sequence: an event is applied only when its sequence is
 * greater than {@link #seq}, and this document decides for the execution and delivery documents too (it numbers the
 * executions and deliveries, and routes each step to its execution). It is therefore written after them.
 */
final class AreaView {

    static final long NO_SEQUENCE = -1;

    /** Where an applied event goes besides this document. */
    record Routed(String executionKey, long ordinal, int reactionsDefined, Document delivery) {
    }

    final String areaId;
    String owner;
    String name;
    int version;
    String state;
    Document action;
    Document trigger;
    List<Document> reactions = new ArrayList<>();
    Document retryPolicy;
    String hookId;
    Instant createdAt;
    Instant updatedAt;
    Instant pausedAt;
    Instant resumedAt;
    Instant deletedAt;
    Instant webhookSecretRotatedAt;
    /**
     * When the current schedule began: defined, resumed, or updated with another trigger. Instants before it are not
     * fired (the command side's scheduler keeps the same cursor).
     */
    Instant scheduleFrom;
    Instant lastFireAt;
    Instant lastScheduledFor;
    long executions;
    long deliveries;
    /** Executions fired and not completed yet: execution id -> ordinal (routes their steps). */
    TreeMap<String, Long> openExecutions = new TreeMap<>();
    Document lastExecution;
    long seq = NO_SEQUENCE;
    boolean changed;

    AreaView(String areaId) {
        this.areaId = areaId;
    }

    /** The {@code area_executions} / {@code area_deliveries} key of an AREA's n-th execution / delivery (0-based). */
    static String key(String areaId, long ordinal) {
        return areaId + ":" + ordinal;
    }

    /**
     * Applies the event if it is newer than what the view holds.
     *
     * @return empty when it is not newer; otherwise where else it goes ({@code executionKey} null for definition
     * events, and for steps of an execution this AREA never saw fire)
     */
    Optional<Routed> apply(long sequence, AreaEvent event) {
        if (sequence <= seq) {
            return Optional.empty();
        }
        seq = sequence;
        changed = true;
        Routed routed = new Routed(null, -1, 0, null);
        if (event instanceof AreaScheduled e) {
            owner = e.owner();
            hookId = e.hookId();
            createdAt = millis(e.scheduledAt());
            state = "ACTIVE";
            define(e.version(), e.name(), e.action(), e.trigger(), e.reactions(), e.retryPolicy(), e.scheduledAt());
        } else if (event instanceof AreaUpdated e) {
            define(e.version(), e.name(), e.action(), e.trigger(), e.reactions(), e.retryPolicy(), e.updatedAt());
        } else if (event instanceof AreaPaused e) {
            state = "PAUSED";
            pausedAt = millis(e.pausedAt());
        } else if (event instanceof AreaResumed e) {
            state = "ACTIVE";
            resumedAt = millis(e.resumedAt());
            scheduleFrom = resumedAt;
        } else if (event instanceof AreaDeleted e) {
            state = "DELETED";
            deletedAt = millis(e.deletedAt());
        } else if (event instanceof AreaWebhookSecretRotated e) {
            hookId = e.hookId() != null ? e.hookId() : hookId;
            webhookSecretRotatedAt = millis(e.rotatedAt());
        } else if (event instanceof AreaFired e) {
            routed = fired(e);
        } else if (event instanceof AreaActionCompleted e) {
            routed = step(e.executionId());
        } else if (event instanceof AreaReactionCompleted e) {
            routed = step(e.executionId());
        } else if (event instanceof AreaExecutionCompleted e) {
            routed = step(e.executionId());
            openExecutions.remove(e.executionId());
            if (lastExecution != null && e.executionId().equals(lastExecution.getString("executionId"))) {
                lastExecution.append("status", e.status() == null ? null : e.status().name())
                        .append("completedAt", date(millis(e.completedAt())));
            }
        }
        return Optional.of(routed);
    }

    private void define(int definitionVersion, String displayName, ActionSpec actionSpec, TriggerSpec triggerSpec,
                        List<ReactionSpec> reactionSpecs, RetryPolicy policy, Instant at) {
        Document newTrigger = AreaSpecs.trigger(triggerSpec);
        version = definitionVersion;
        name = displayName;
        action = AreaSpecs.action(actionSpec);
        reactions = AreaSpecs.reactions(reactionSpecs);
        retryPolicy = AreaSpecs.retryPolicy(policy);
        updatedAt = millis(at);
        // as the command side's scheduler: a changed trigger owes nothing from before the change, an unchanged one
        // keeps its grid
        if (scheduleFrom == null || !Objects.equals(trigger, newTrigger)) {
            scheduleFrom = updatedAt;
        }
        trigger = newTrigger;
    }

    private Routed fired(AreaFired e) {
        long ordinal = executions++;
        openExecutions.put(e.executionId(), ordinal);
        lastFireAt = millis(e.firedAt());
        Instant scheduled = e.source() == FireSource.WEBHOOK ? null
                : millis(e.scheduledFor() != null ? e.scheduledFor() : e.firedAt());
        if (scheduled != null && (lastScheduledFor == null || scheduled.isAfter(lastScheduledFor))) {
            lastScheduledFor = scheduled;
        }
        lastExecution = new Document("executionId", e.executionId())
                .append("ordinal", ordinal)
                .append("source", e.source() == null ? null : e.source().name())
                .append("status", ExecutionView.RUNNING)
                .append("firedAt", date(lastFireAt))
                .append("completedAt", null);
        Document delivery = null;
        if (e.source() == FireSource.WEBHOOK || e.deliveryId() != null) {
            long deliveryOrdinal = deliveries++;
            delivery = new Document("_id", key(areaId, deliveryOrdinal))
                    .append("areaId", areaId)
                    .append("ordinal", deliveryOrdinal)
                    .append("deliveryId", e.deliveryId())
                    .append("executionId", e.executionId())
                    .append("executionOrdinal", ordinal)
                    .append("version", e.version())
                    .append("firedAt", date(lastFireAt))
                    .append("seq", seq);
        }
        return new Routed(key(areaId, ordinal), ordinal, reactions.size(), delivery);
    }

    private Routed step(String executionId) {
        Long ordinal = executionId == null ? null : openExecutions.get(executionId);
        return ordinal == null ? new Routed(null, -1, 0, null) : new Routed(key(areaId, ordinal), ordinal, 0, null);
    }

    /** The next schedule instant, or {@code null} when none is due (webhook, paused, deleted). */
    Instant nextFireAt() {
        TriggerSpec spec = AreaSpecs.trigger(trigger);
        if (!"ACTIVE".equals(state) || spec == null || spec.kind() == TriggerKind.WEBHOOK) {
            return null;
        }
        Instant anchor = lastScheduledFor;
        if (anchor == null || (scheduleFrom != null && scheduleFrom.isAfter(anchor))) {
            anchor = scheduleFrom;
        }
        return millis(NextFire.after(spec, anchor));
    }

    /** {@code /webhooks/{service}/{hookId}}, or {@code null} without a webhook. */
    String webhookPath() {
        if (hookId == null || action == null || action.getString("service") == null) {
            return null;
        }
        return "/webhooks/" + action.getString("service") + "/" + hookId;
    }

    Document toDocument() {
        Document open = new Document();
        openExecutions.forEach(open::append);
        return new Document("_id", areaId)
                .append("owner", owner)
                .append("name", name)
                .append("version", version)
                .append("state", state)
                .append("action", action)
                .append("trigger", trigger)
                .append("reactions", reactions)
                .append("retryPolicy", retryPolicy)
                .append("hookId", hookId)
                .append("webhookPath", webhookPath())
                .append("createdAt", date(createdAt))
                .append("updatedAt", date(updatedAt))
                .append("pausedAt", date(pausedAt))
                .append("resumedAt", date(resumedAt))
                .append("deletedAt", date(deletedAt))
                .append("webhookSecretRotatedAt", date(webhookSecretRotatedAt))
                .append("scheduleFrom", date(scheduleFrom))
                .append("lastFireAt", date(lastFireAt))
                .append("lastScheduledFor", date(lastScheduledFor))
                .append("nextFireAt", date(nextFireAt()))
                .append("executions", executions)
                .append("deliveries", deliveries)
                .append("openExecutions", open)
                .append("lastExecution", lastExecution)
                .append("seq", seq);
    }

    static AreaView fromDocument(Document document) {
        AreaView view = new AreaView(document.getString("_id"));
        view.owner = document.getString("owner");
        view.name = document.getString("name");
        view.version = intValue(document, "version", 0);
        view.state = document.getString("state");
        view.action = document.get("action", Document.class);
        view.trigger = document.get("trigger", Document.class);
        view.reactions = new ArrayList<>(document.getList("reactions", Document.class, List.of()));
        view.retryPolicy = document.get("retryPolicy", Document.class);
        view.hookId = document.getString("hookId");
        view.createdAt = instant(document, "createdAt");
        view.updatedAt = instant(document, "updatedAt");
        view.pausedAt = instant(document, "pausedAt");
        view.resumedAt = instant(document, "resumedAt");
        view.deletedAt = instant(document, "deletedAt");
        view.webhookSecretRotatedAt = instant(document, "webhookSecretRotatedAt");
        view.scheduleFrom = instant(document, "scheduleFrom");
        view.lastFireAt = instant(document, "lastFireAt");
        view.lastScheduledFor = instant(document, "lastScheduledFor");
        view.executions = longValue(document, "executions", 0);
        view.deliveries = longValue(document, "deliveries", 0);
        Document open = document.get("openExecutions", Document.class);
        if (open != null) {
            for (Map.Entry<String, Object> entry : open.entrySet()) {
                if (entry.getValue() instanceof Number number) {
                    view.openExecutions.put(entry.getKey(), number.longValue());
                }
            }
        }
        view.lastExecution = document.get("lastExecution", Document.class);
        view.seq = longValue(document, "seq", NO_SEQUENCE);
        return view;
    }
}
