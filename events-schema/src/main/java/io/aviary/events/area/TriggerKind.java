package io.aviary.events.area;

/** What fires an AREA. */
public enum TriggerKind {
    /** A cron expression (Spring {@code CronExpression}, 6 fields, seconds first) in a time zone. */
    CRON,
    /** Every {@code intervalMs} milliseconds (polling). */
    INTERVAL,
    /** A signed POST to {@code /webhooks/{service}/{hookId}}. */
    WEBHOOK
}
