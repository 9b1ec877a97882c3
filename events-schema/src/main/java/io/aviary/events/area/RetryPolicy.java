package io.aviary.events.area;

/**
 * How often a failed task is retried, and how long it waits in between: {@code initialBackoffMs *
 * multiplier^(failures - 1)}, capped at {@code maxBackoffMs}, spread by the platform's jitter.
 *
 * @param maxAttempts      failed attempts allowed before the task is dead-lettered (at least 1)
 * @param initialBackoffMs delay after the first failure
 * @param multiplier       growth per further failure (at least 1)
 * @param maxBackoffMs     longest delay
 */
public record RetryPolicy(int maxAttempts, long initialBackoffMs, double multiplier, long maxBackoffMs) {
}
