package io.aviary.events.area;

/** What fired an execution. */
public enum FireSource {
    CRON,
    INTERVAL,
    WEBHOOK
}
