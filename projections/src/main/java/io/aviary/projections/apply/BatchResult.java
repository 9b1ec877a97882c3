package io.aviary.projections.apply;

/**
 * What one batch did.
 *
 * @param events        events in the batch
 * @param applied       events that were newer than their document and changed it
 * @param tasksWritten  {@code tasks} documents written
 * @param workersWritten {@code workers} documents written
 * @param queuesWritten {@code worker_queues} documents written
 */
public record BatchResult(int events, int applied, int tasksWritten, int workersWritten, int queuesWritten) {
}
