package io.aviary.command.task;

import io.aviary.events.area.RetryPolicy;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for {@link io.aviary.events.task.TaskRetryScheduled}. Injected into the task's
 * command handlers so that tests can pin the random part.
 */
public class RetryBackoff {

    private final RetryProperties properties;
    private final DoubleSupplier random;

    /** A backoff with {@link ThreadLocalRandom} as its source of jitter. */
    public RetryBackoff(RetryProperties properties) {
        this(properties, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random values in [0, 1); 0.5 means no jitter */
    public RetryBackoff(RetryProperties properties, DoubleSupplier random) {
        this.properties = properties;
        this.random = random;
    }

    /** How long to wait before the next attempt after {@code failures} failed ones (1 for the first failure). */
    public Duration delayAfter(int failures) {
        return delay(failures, properties.initial().toMillis(), properties.multiplier(), properties.max().toMillis());
    }

    /**
     * The same for a task with its own policy (an AREA's): its initial delay, multiplier and cap, the platform's
     * jitter.
     */
    public Duration delayAfter(int failures, RetryPolicy policy) {
        return delay(failures, policy.initialBackoffMs(), Math.max(1.0, policy.multiplier()), policy.maxBackoffMs());
    }

    private Duration delay(int failures, double initialMillis, double multiplier, double maxMillis) {
        double exponential = initialMillis * Math.pow(multiplier, Math.max(0, failures - 1));
        double capped = Math.min(exponential, maxMillis);
        double spread = 1 + properties.jitter() * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(Math.min(capped * spread, maxMillis)));
    }
}
