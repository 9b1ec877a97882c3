package io.aviary.events.area;

/** How an execution ended. */
public enum ExecutionStatus {
    /** The action ran and triggered, and every reaction that ran succeeded (or there were none). */
    SUCCEEDED,
    /** The action ran and triggered, and at least one reaction failed (dead-lettered or cancelled). */
    PARTIALLY_FAILED,
    /** The action itself failed (dead-lettered or cancelled): no reaction ran. */
    FAILED,
    /** The action ran but did not trigger (e.g. a polled resource that did not change): no reaction ran. */
    NOT_TRIGGERED
}
