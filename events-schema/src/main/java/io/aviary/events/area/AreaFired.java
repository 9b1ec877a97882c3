package io.aviary.events.area;

import java.time.Instant;
import java.util.Map;

/**
 * The AREA fired: an execution starts. Each fire id is accepted once, so several scheduler replicas, or a webhook
 * retried by its sender, fire once.
 *
 * @param areaId       the AREA
 * @param fireId       deterministic: {@code areaId + "@" + scheduledFor} for CRON/INTERVAL, the delivery id for
 *                     webhooks
 * @param executionId  the execution this fire starts (a random UUID)
 * @param version      the definition version the execution runs
 * @param source       what fired it
 * @param scheduledFor the schedule instant (CRON/INTERVAL), {@code null} for webhooks
 * @param deliveryId   the webhook delivery id ({@code X-Aviary-Delivery}), {@code null} unless WEBHOOK
 * @param payload      the webhook body as a JSON object if it is one, else {@code {"raw": "<body>"}}; empty for
 *                     scheduled fires
 * @param firedAt      when
 */
public record AreaFired(String areaId, String fireId, String executionId, int version, FireSource source,
                        Instant scheduledFor, String deliveryId, Map<String, Object> payload, Instant firedAt)
        implements AreaEvent {
}
