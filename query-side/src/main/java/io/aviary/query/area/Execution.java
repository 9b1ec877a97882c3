package io.aviary.query.area;

import org.bson.Document;

import java.time.Instant;
import java.util.List;

import static io.aviary.query.mongo.Documents.documents;
import static io.aviary.query.mongo.Documents.instant;
import static io.aviary.query.mongo.Documents.intValue;

/**
 * One execution of an AREA: what fired it, how its action and each reaction ended, how long each took.
 *
 * @param executionId      the execution
 * @param number           its position among the AREA's executions, 0 for the first (the list is newest first)
 * @param version          the definition version it ran
 * @param source           CRON, INTERVAL or WEBHOOK
 * @param scheduledFor     the schedule instant it fired for (CRON/INTERVAL), else {@code null}
 * @param deliveryId       the webhook delivery that fired it (WEBHOOK), else {@code null}
 * @param firedAt          when it fired (its start)
 * @param action           the action's end, {@code null} while it runs
 * @param reactions        the reactions that are done, by index; one that did not run because its condition did not
 *                         hold is SKIPPED
 * @param reactionsDefined how many reactions its definition version has
 * @param status           RUNNING, SUCCEEDED, PARTIALLY_FAILED, FAILED or NOT_TRIGGERED
 * @param completedAt      when it ended, {@code null} while running
 * @param durationMs       from start to end, {@code null} while running
 */
public record Execution(String executionId, long number, int version, String source, Instant scheduledFor,
                        String deliveryId, Instant firedAt, ActionStep action, List<ReactionStep> reactions,
                        int reactionsDefined, String status, Instant completedAt, Long durationMs) {

    /**
     * How the action ended.
     *
     * @param taskId      the action task
     * @param outcome     SUCCESS or WARNING; FAILURE when dead-lettered or cancelled
     * @param attempts    attempts it took
     * @param triggered   whether the reactions were considered
     * @param completedAt when it ended
     * @param durationMs  from the fire to its end (queueing and retries included)
     */
    public record ActionStep(String taskId, String outcome, int attempts, boolean triggered, Instant completedAt,
                             Long durationMs) {

        static ActionStep of(Document doc) {
            return doc == null ? null : new ActionStep(doc.getString("taskId"), doc.getString("outcome"),
                    intValue(doc, "attempts"), Boolean.TRUE.equals(doc.getBoolean("triggered")),
                    instant(doc, "completedAt"), longOrNull(doc, "durationMs"));
        }
    }

    /**
     * How one reaction ended.
     *
     * @param index         its position in the definition
     * @param type          its type
     * @param conditionHeld whether its condition held on the action's output
     * @param status        SKIPPED (condition false, no task), SUCCEEDED, or FAILED (dead-lettered or cancelled)
     * @param taskId        its task, {@code null} when skipped
     * @param outcome       SUCCESS, WARNING or FAILURE; {@code null} when skipped
     * @param attempts      attempts its task took (0 when skipped)
     * @param completedAt   when it ended
     * @param durationMs    from the action's end to its own, {@code null} when skipped
     */
    public record ReactionStep(int index, String type, boolean conditionHeld, String status, String taskId,
                               String outcome, int attempts, Instant completedAt, Long durationMs) {

        static ReactionStep of(Document doc) {
            return new ReactionStep(intValue(doc, "index"), doc.getString("type"),
                    Boolean.TRUE.equals(doc.getBoolean("conditionHeld")), doc.getString("status"),
                    doc.getString("taskId"), doc.getString("outcome"), intValue(doc, "attempts"),
                    instant(doc, "completedAt"), longOrNull(doc, "durationMs"));
        }
    }

    static Execution of(Document doc) {
        return new Execution(doc.getString("executionId"), AreaDetail.count(doc, "ordinal"), intValue(doc, "version"),
                doc.getString("source"), instant(doc, "scheduledFor"), doc.getString("deliveryId"),
                instant(doc, "firedAt"), ActionStep.of(doc.get("action", Document.class)),
                documents(doc, "reactions").stream().map(ReactionStep::of).toList(), intValue(doc, "reactionsDefined"),
                doc.getString("status"), instant(doc, "completedAt"), longOrNull(doc, "durationMs"));
    }

    static Long longOrNull(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number number ? number.longValue() : null;
    }
}
