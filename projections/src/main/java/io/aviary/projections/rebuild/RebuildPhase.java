package io.aviary.projections.rebuild;

/** The steps of a running rebuild. */
public enum RebuildPhase {
    /** Reading the topic from offset 0 up to the end offsets captured at the start, into fresh collections. */
    REPLAYING,
    /** The live consumer is paused; reading what arrived since the start, up to the topic's end. */
    CATCHING_UP,
    /** Renaming the fresh collections over the live ones. */
    SWAPPING
}
