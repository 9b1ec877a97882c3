package io.aviary.projections.apply;

import java.util.Map;

/**
 * What one batch did.
 *
 * @param events  events in the batch
 * @param applied events that were newer than at least one document and changed it
 * @param written documents written per collection (logical read-model collection name), only non-zero entries
 */
public record BatchResult(int events, int applied, Map<String, Integer> written) {

    public BatchResult {
        written = Map.copyOf(written);
    }

    /** {@code tasks} documents written. */
    public int tasksWritten() {
        return written.getOrDefault("tasks", 0);
    }

    /** {@code workers} documents written. */
    public int workersWritten() {
        return written.getOrDefault("workers", 0);
    }

    /** {@code worker_queues} documents written. */
    public int queuesWritten() {
        return written.getOrDefault("worker_queues", 0);
    }

    /** Documents written over all collections. */
    public int documentsWritten() {
        return written.values().stream().mapToInt(Integer::intValue).sum();
    }
}
