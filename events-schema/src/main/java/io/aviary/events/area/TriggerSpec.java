package io.aviary.events.area;

/**
 * When an AREA fires.
 *
 * @param kind       CRON, INTERVAL or WEBHOOK
 * @param cron       the cron expression (CRON only, else {@code null})
 * @param zone       the time zone of the cron expression, e.g. {@code Europe/Paris} (CRON only, else {@code null})
 * @param intervalMs the period in milliseconds, at least 1000 (INTERVAL only, else {@code null})
 * @param misfire    what to do about instants missed during downtime (CRON and INTERVAL; {@code null} for WEBHOOK)
 */
public record TriggerSpec(TriggerKind kind, String cron, String zone, Long intervalMs, MisfirePolicy misfire) {
}
