package io.aviary.events.area;

/** What a CRON or INTERVAL AREA does about instants missed while no scheduler ran (downtime). */
public enum MisfirePolicy {
    /** One fire, at once, for the most recent missed instant; then the normal schedule. */
    FIRE_ONCE_NOW,
    /** No fire for missed instants; the next fire is the next instant after now. */
    SKIP
}
