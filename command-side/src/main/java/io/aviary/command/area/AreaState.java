package io.aviary.command.area;

/** Life cycle of an AREA. */
public enum AreaState {
    /** Fires on its trigger. */
    ACTIVE,
    /** Defined, but fires no more until resumed. */
    PAUSED,
    /** Gone for good. */
    DELETED
}
