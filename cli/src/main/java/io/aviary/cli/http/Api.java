package io.aviary.cli.http;

/** The three HTTP APIs of the platform. */
public enum Api {
    /** command-side: writes (tasks, workers, billing), login. */
    COMMAND,
    /** query-side: read models. */
    QUERY,
    /** projections: read-model rebuilds. */
    PROJECTIONS
}
