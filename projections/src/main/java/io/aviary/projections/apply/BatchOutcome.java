package io.aviary.projections.apply;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Collects what the projections of one batch did: which events changed something (an event applied by several
 * read models counts once) and how many documents each collection received. Thread-safe: the projections of a batch
 * run at the same time.
 */
public final class BatchOutcome {

    private final Set<ProjectedEvent> applied = new HashSet<>();
    private final Map<String, Integer> written = new TreeMap<>();

    /** The event changed at least one document. */
    public synchronized void applied(ProjectedEvent event) {
        applied.add(event);
    }

    /** {@code count} documents of {@code collection} (logical name) were written. */
    public synchronized void written(String collection, int count) {
        if (count > 0) {
            written.merge(collection, count, Integer::sum);
        }
    }

    public synchronized BatchResult result(int events) {
        return new BatchResult(events, applied.size(), written);
    }
}
