package io.aviary.projections.rebuild;

/** Where the last rebuild of a read model stands. */
public enum RebuildState {
    /** No rebuild since the app started. */
    IDLE,
    RUNNING,
    /** Swapped in: the read model now serves the rebuilt documents. */
    DONE,
    /** Stopped; the live read model was left as it was. */
    FAILED
}
