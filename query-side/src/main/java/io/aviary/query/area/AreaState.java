package io.aviary.query.area;

/** An AREA's life-cycle state, as the {@code areas} read model records it (the list filter). */
public enum AreaState {
    ACTIVE,
    PAUSED,
    DELETED
}
