package io.aviary.query.worker;

import java.util.List;

/**
 * A worker's queue: what it holds now ({@code current}, oldest assignment first) or what it finished
 * ({@code history}, most recent first, the last 100 attempts).
 */
public record WorkerQueue(String workerId, String view, List<QueueItem> items) {
}
