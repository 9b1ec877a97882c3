package io.aviary.query.area;

import org.bson.Document;

import java.time.Instant;

import static io.aviary.query.mongo.Documents.instant;
import static io.aviary.query.mongo.Documents.intValue;

/**
 * An AREA in the list.
 *
 * @param areaId        the AREA
 * @param name          its display name
 * @param owner         who defined it
 * @param version       current definition version
 * @param state         ACTIVE, PAUSED or DELETED
 * @param actionType    the action's type, e.g. {@code http.poll}
 * @param triggerKind   CRON, INTERVAL or WEBHOOK
 * @param lastFireAt    when it last fired, or {@code null}
 * @param nextFireAt    when it fires next (CRON/INTERVAL while active), else {@code null}
 * @param executions    executions so far
 * @param lastExecution the latest execution, or {@code null}
 */
public record AreaSummary(String areaId, String name, String owner, int version, String state, String actionType,
                          String triggerKind, Instant lastFireAt, Instant nextFireAt, long executions,
                          LastExecution lastExecution) {

    /**
     * The latest execution of an AREA.
     *
     * @param executionId the execution
     * @param status      RUNNING, or how it ended (SUCCEEDED, PARTIALLY_FAILED, FAILED, NOT_TRIGGERED)
     * @param firedAt     when it started
     * @param completedAt when it ended, or {@code null} while running
     */
    public record LastExecution(String executionId, String status, Instant firedAt, Instant completedAt) {

        static LastExecution of(Document doc) {
            return doc == null ? null : new LastExecution(doc.getString("executionId"), doc.getString("status"),
                    instant(doc, "firedAt"), instant(doc, "completedAt"));
        }
    }

    static AreaSummary of(Document doc) {
        Document action = doc.get("action", Document.class);
        Document trigger = doc.get("trigger", Document.class);
        return new AreaSummary(doc.getString("_id"), doc.getString("name"), doc.getString("owner"),
                intValue(doc, "version"), doc.getString("state"), action == null ? null : action.getString("type"),
                trigger == null ? null : trigger.getString("kind"), instant(doc, "lastFireAt"),
                instant(doc, "nextFireAt"), AreaDetail.count(doc, "executions"),
                LastExecution.of(doc.get("lastExecution", Document.class)));
    }
}
