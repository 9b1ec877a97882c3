package io.aviary.command.area;

import io.aviary.events.area.ActionSpec;
import io.aviary.events.area.FireSource;
import io.aviary.events.area.ReactionSpec;
import io.aviary.events.area.RetryPolicy;
import io.aviary.events.area.TriggerSpec;
import io.aviary.events.task.Outcome;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Commands of the AREA aggregate. Definitions arrive validated and normalised ({@link AreaDefinitions}). */
public final class AreaCommands {

    private AreaCommands() {
    }

    /** Define a new AREA (version 1). {@code hookId} is set for a WEBHOOK trigger only. */
    public record ScheduleArea(@TargetAggregateIdentifier String areaId, String owner, String name,
                               ActionSpec action, TriggerSpec trigger, List<ReactionSpec> reactions,
                               RetryPolicy retryPolicy, String hookId) {
    }

    /** Replace the definition (a new version); answers the new version number. */
    public record UpdateArea(@TargetAggregateIdentifier String areaId, String name, ActionSpec action,
                             TriggerSpec trigger, List<ReactionSpec> reactions, RetryPolicy retryPolicy) {
    }

    public record PauseArea(@TargetAggregateIdentifier String areaId) {
    }

    public record ResumeArea(@TargetAggregateIdentifier String areaId) {
    }

    public record DeleteArea(@TargetAggregateIdentifier String areaId) {
    }

    /** Record that the webhook secret was replaced (the secret itself is stored apart); answers the hook id. */
    public record RotateWebhookSecret(@TargetAggregateIdentifier String areaId) {
    }

    /**
     * Fire the AREA once for {@code fireId}; answers the execution id. Rejected ({@link FireRejectedException}) when
     * the fire id was seen (or a scheduled instant is not after the last one fired), or the AREA is not ACTIVE.
     *
     * @param fireId       {@link #scheduledFireId} for CRON/INTERVAL, the delivery id for webhooks
     * @param executionId  a fresh random id for the execution this fire would start
     * @param service      the {@code service} segment of the webhook URL (webhooks only, else {@code null})
     * @param scheduledFor the schedule instant (CRON/INTERVAL), else {@code null}
     * @param deliveryId   the webhook delivery id, else {@code null}
     * @param payload      the webhook body as a JSON object (empty for scheduled fires)
     */
    public record FireArea(@TargetAggregateIdentifier String areaId, String fireId, String executionId,
                           FireSource source, String service, Instant scheduledFor, String deliveryId,
                           Map<String, Object> payload) {

        /** A CRON or INTERVAL fire for one schedule instant. */
        public static FireArea scheduled(String areaId, FireSource source, Instant scheduledFor, String executionId) {
            return new FireArea(areaId, scheduledFireId(areaId, scheduledFor), executionId, source, null,
                    scheduledFor, null, Map.of());
        }

        /** A webhook delivery. */
        public static FireArea webhook(String areaId, String service, String deliveryId, Map<String, Object> payload,
                                       String executionId) {
            return new FireArea(areaId, deliveryId, executionId, FireSource.WEBHOOK, service, null, deliveryId,
                    payload);
        }
    }

    /** The deterministic fire id of a scheduled instant: every replica computes the same one. */
    public static String scheduledFireId(String areaId, Instant scheduledFor) {
        return areaId + "@" + scheduledFor;
    }

    /** The action task of an execution reached its final state; answers whether this was news. */
    public record RecordActionCompleted(@TargetAggregateIdentifier String areaId, String executionId, String taskId,
                                        int attempts, Outcome outcome, boolean triggered,
                                        Map<String, Object> output) {
    }

    /**
     * One reaction of an execution is done (its task's final state, or its condition did not hold: then
     * {@code taskId} and {@code outcome} are {@code null}); answers whether this was news.
     */
    public record RecordReactionCompleted(@TargetAggregateIdentifier String areaId, String executionId, int index,
                                          String type, boolean conditionHeld, String taskId, int attempts,
                                          Outcome outcome) {
    }
}
