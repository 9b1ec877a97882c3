package io.aviary.query.area;

import org.bson.Document;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.aviary.query.mongo.Documents.documents;
import static io.aviary.query.mongo.Documents.instant;
import static io.aviary.query.mongo.Documents.intValue;
import static io.aviary.query.mongo.Documents.object;

/**
 * One AREA: its current definition, state and schedule. Never a secret: connections are named, the webhook's secret
 * is not in any read model.
 *
 * @param areaId        the AREA
 * @param name          its display name
 * @param owner         who defined it
 * @param version       current definition version (executions name the version they ran)
 * @param state         ACTIVE, PAUSED or DELETED
 * @param action        {@code {service, type, params, connection}}
 * @param trigger       {@code {kind, cron, zone, intervalMs, misfire}}
 * @param reactions     {@code [{index, type, params, condition, connection}]}, in order
 * @param retryPolicy   {@code {maxAttempts, initialBackoffMs, multiplier, maxBackoffMs}}
 * @param webhook       where to send deliveries (WEBHOOK AREAs), else {@code null}
 * @param createdAt     when it was defined
 * @param updatedAt     when its current version was defined
 * @param pausedAt      when it was last paused, or {@code null}
 * @param resumedAt     when it was last resumed, or {@code null}
 * @param deletedAt     when it was deleted, or {@code null}
 * @param lastFireAt    when it last fired, or {@code null}
 * @param nextFireAt    the next schedule instant (CRON/INTERVAL while ACTIVE), computed from its last fire; else
 *                      {@code null}
 * @param executions    executions so far
 * @param deliveries    webhook deliveries that fired it
 * @param lastExecution the latest execution, or {@code null}
 */
public record AreaDetail(String areaId, String name, String owner, int version, String state,
                         Action action, Trigger trigger, List<Reaction> reactions, RetryPolicy retryPolicy,
                         Webhook webhook, Instant createdAt, Instant updatedAt,
                         Instant pausedAt, Instant resumedAt, Instant deletedAt, Instant lastFireAt,
                         Instant nextFireAt, long executions, long deliveries,
                         AreaSummary.LastExecution lastExecution) {

    /**
     * The action: the task that runs when the AREA fires.
     *
     * @param service    the service it talks to (part of a webhook's URL)
     * @param type       {@code http.poll}, {@code webhook.received} or {@code timer.tick}
     * @param params     the type's parameters
     * @param connection the name of the connection the agent uses, or {@code null}
     */
    public record Action(String service, String type, Map<String, Object> params, String connection) {

        static Action of(Document doc) {
            return doc == null ? null : new Action(doc.getString("service"), doc.getString("type"),
                    object(doc, "params"), doc.getString("connection"));
        }
    }

    /**
     * When the AREA fires.
     *
     * @param kind       CRON, INTERVAL or WEBHOOK
     * @param cron       the cron expression (CRON)
     * @param zone       its time zone (CRON)
     * @param intervalMs the period (INTERVAL)
     * @param misfire    FIRE_ONCE_NOW or SKIP (CRON, INTERVAL)
     */
    public record Trigger(String kind, String cron, String zone, Long intervalMs, String misfire) {

        static Trigger of(Document doc) {
            Object interval = doc == null ? null : doc.get("intervalMs");
            return doc == null ? null : new Trigger(doc.getString("kind"), doc.getString("cron"),
                    doc.getString("zone"), interval instanceof Number number ? number.longValue() : null,
                    doc.getString("misfire"));
        }
    }

    /**
     * A reaction.
     *
     * @param index      its position (executions refer to it)
     * @param type       {@code http.post}, {@code task.create} or {@code log}
     * @param params     the type's parameters (templates with {@code {{output.x}}})
     * @param condition  when it runs, over the action's output; {@code null} or empty: always
     * @param connection the name of the connection the agent uses, or {@code null}
     */
    public record Reaction(int index, String type, Map<String, Object> params, String condition, String connection) {

        static Reaction of(Document doc) {
            return new Reaction(intValue(doc, "index"), doc.getString("type"), object(doc, "params"),
                    doc.getString("condition"), doc.getString("connection"));
        }
    }

    /**
     * How failed action and reaction tasks are retried.
     *
     * @param maxAttempts      failed attempts before a task is dead-lettered
     * @param initialBackoffMs delay after the first failure
     * @param multiplier       growth per further failure
     * @param maxBackoffMs     longest delay
     */
    public record RetryPolicy(int maxAttempts, long initialBackoffMs, double multiplier, long maxBackoffMs) {

        static RetryPolicy of(Document doc) {
            if (doc == null) {
                return null;
            }
            Object multiplier = doc.get("multiplier");
            return new RetryPolicy(intValue(doc, "maxAttempts"), count(doc, "initialBackoffMs"),
                    multiplier instanceof Number number ? number.doubleValue() : 1.0, count(doc, "maxBackoffMs"));
        }
    }

    /**
     * An AREA's webhook (the secret is shown once, at creation or rotation, by the command side).
     *
     * @param hookId          its id, part of the URL
     * @param url             {@code <base>/webhooks/{service}/{hookId}}
     * @param secretRotatedAt when its secret was last rotated, or {@code null}
     */
    public record Webhook(String hookId, String url, Instant secretRotatedAt) {
    }

    static AreaDetail of(Document doc, WebhookUrlProperties urls) {
        String path = doc.getString("webhookPath");
        Webhook webhook = path == null ? null
                : new Webhook(doc.getString("hookId"), urls.url(path), instant(doc, "webhookSecretRotatedAt"));
        return new AreaDetail(doc.getString("_id"), doc.getString("name"), doc.getString("owner"),
                intValue(doc, "version"), doc.getString("state"), Action.of(doc.get("action", Document.class)),
                Trigger.of(doc.get("trigger", Document.class)),
                documents(doc, "reactions").stream().map(Reaction::of).toList(),
                RetryPolicy.of(doc.get("retryPolicy", Document.class)), webhook, instant(doc, "createdAt"),
                instant(doc, "updatedAt"), instant(doc, "pausedAt"), instant(doc, "resumedAt"),
                instant(doc, "deletedAt"), instant(doc, "lastFireAt"), instant(doc, "nextFireAt"),
                count(doc, "executions"), count(doc, "deliveries"),
                AreaSummary.LastExecution.of(doc.get("lastExecution", Document.class)));
    }

    static long count(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number number ? number.longValue() : 0;
    }
}
