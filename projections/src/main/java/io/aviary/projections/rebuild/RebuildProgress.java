package io.aviary.projections.rebuild;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/admin/projections/{name}}.
 *
 * @param name            the read model
 * @param state           IDLE, RUNNING, DONE or FAILED
 * @param phase           the step of a running rebuild, else {@code null}
 * @param processed       topic offsets consumed so far (records, plus the offsets of transaction markers)
 * @param total           offsets to consume: from offset 0 to the end offsets captured at the start, plus what
 *                        arrived until the swap; equal to {@code processed} when DONE
 * @param startedAt       when the rebuild started
 * @param finishedAt      when it finished (DONE or FAILED)
 * @param eventsPerSecond {@code processed} per second of the rebuild so far
 * @param collections     the fresh collections the rebuild writes ({@code <name>__rebuild_<n>})
 * @param error           why it failed, or {@code null}
 */
public record RebuildProgress(String name, RebuildState state, RebuildPhase phase, long processed, long total,
                              Instant startedAt, Instant finishedAt, long eventsPerSecond, List<String> collections,
                              String error) {

    static RebuildProgress idle(String name) {
        return new RebuildProgress(name, RebuildState.IDLE, null, 0, 0, null, null, 0, List.of(), null);
    }
}
