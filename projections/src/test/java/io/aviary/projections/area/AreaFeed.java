package io.aviary.projections.area;

import io.aviary.events.AviaryEvent;
import io.aviary.events.area.ActionSpec;
import io.aviary.events.area.AreaActionCompleted;
import io.aviary.events.area.AreaDeleted;
import io.aviary.events.area.AreaExecutionCompleted;
import io.aviary.events.area.AreaFired;
import io.aviary.events.area.AreaPaused;
import io.aviary.events.area.AreaReactionCompleted;
import io.aviary.events.area.AreaResumed;
import io.aviary.events.area.AreaScheduled;
import io.aviary.events.area.AreaUpdated;
import io.aviary.events.area.ExecutionStatus;
import io.aviary.events.area.FireSource;
import io.aviary.events.area.MisfirePolicy;
import io.aviary.events.area.ReactionSpec;
import io.aviary.events.area.RetryPolicy;
import io.aviary.events.area.TriggerKind;
import io.aviary.events.area.TriggerSpec;
import io.aviary.events.task.Outcome;
import io.aviary.projections.apply.ProjectedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * AREA event streams as the command side emits them: one sequence per AREA from 0 (definition, fires and execution
 * steps alike), event times given by the test.
 */
public final class AreaFeed {

    public static final RetryPolicy RETRY = new RetryPolicy(3, 500, 2.0, 10_000);
    public static final List<ReactionSpec> TWO_REACTIONS = List.of(
            new ReactionSpec("log", Map.of("message", "status {{output.status}}"), "output.status == 404", null),
            new ReactionSpec("http.post", Map.of("url", "http://localhost/hook", "body", "{}"), "true", "crm"));

    private final Map<String, Long> sequences = new HashMap<>();
    private final List<ProjectedEvent> events = new ArrayList<>();

    public List<ProjectedEvent> events() {
        return List.copyOf(events);
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static TriggerSpec cron(String cron, String zone) {
        return new TriggerSpec(TriggerKind.CRON, cron, zone, null, MisfirePolicy.FIRE_ONCE_NOW);
    }

    public static TriggerSpec interval(long intervalMs) {
        return new TriggerSpec(TriggerKind.INTERVAL, null, null, intervalMs, MisfirePolicy.SKIP);
    }

    public static TriggerSpec webhook() {
        return new TriggerSpec(TriggerKind.WEBHOOK, null, null, null, null);
    }

    private AreaFeed add(AviaryEvent event) {
        long sequence = sequences.merge(event.aggregateId(), 1L, Long::sum) - 1;
        events.add(new ProjectedEvent(UUID.randomUUID().toString(), sequence, event));
        return this;
    }

    public AreaFeed scheduled(String areaId, String name, TriggerSpec trigger, List<ReactionSpec> reactions,
                              String at) {
        ActionSpec action = trigger.kind() == TriggerKind.WEBHOOK
                ? new ActionSpec("github", "webhook.received", Map.of(), null)
                : new ActionSpec("status-page", "http.poll", Map.of("url", "http://localhost/status"), "status");
        return add(new AreaScheduled(areaId, "manager", name, 1, action, trigger, reactions, RETRY,
                trigger.kind() == TriggerKind.WEBHOOK ? "hook-" + areaId.substring(0, 8) : null, Instant.parse(at)));
    }

    public AreaFeed updated(String areaId, int version, String name, TriggerSpec trigger,
                            List<ReactionSpec> reactions, String at) {
        return add(new AreaUpdated(areaId, version, name,
                new ActionSpec("status-page", "timer.tick", Map.of(), null), trigger, reactions, RETRY,
                Instant.parse(at)));
    }

    public AreaFeed paused(String areaId, String at) {
        return add(new AreaPaused(areaId, Instant.parse(at)));
    }

    public AreaFeed resumed(String areaId, String at) {
        return add(new AreaResumed(areaId, Instant.parse(at)));
    }

    public AreaFeed deleted(String areaId, String at) {
        return add(new AreaDeleted(areaId, Instant.parse(at)));
    }

    /** A scheduled fire: fire id = area id + "@" + the schedule instant. */
    public AreaFeed firedOnSchedule(String areaId, String executionId, int version, FireSource source,
                                    String scheduledFor, String firedAt) {
        return add(new AreaFired(areaId, areaId + "@" + scheduledFor, executionId, version, source,
                Instant.parse(scheduledFor), null, Map.of(), Instant.parse(firedAt)));
    }

    public AreaFeed firedByWebhook(String areaId, String executionId, String deliveryId, String firedAt) {
        return add(new AreaFired(areaId, deliveryId, executionId, 1, FireSource.WEBHOOK, null, deliveryId,
                Map.of("ref", "main"), Instant.parse(firedAt)));
    }

    public AreaFeed actionCompleted(String areaId, String executionId, String taskId, int attempts, Outcome outcome,
                                    boolean triggered, String at) {
        return add(new AreaActionCompleted(areaId, executionId, taskId, attempts, outcome, triggered,
                Map.of("status", 404), Instant.parse(at)));
    }

    public AreaFeed reactionCompleted(String areaId, String executionId, int index, String type,
                                      boolean conditionHeld, String taskId, int attempts, Outcome outcome, String at) {
        return add(new AreaReactionCompleted(areaId, executionId, index, type, conditionHeld, taskId, attempts,
                outcome, Instant.parse(at)));
    }

    public AreaFeed executionCompleted(String areaId, String executionId, ExecutionStatus status, String startedAt,
                                       String at) {
        return add(new AreaExecutionCompleted(areaId, executionId, status, Instant.parse(startedAt),
                Instant.parse(at)));
    }
}
