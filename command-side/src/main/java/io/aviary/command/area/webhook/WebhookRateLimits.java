package io.aviary.command.area.webhook;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import java.time.Duration;
import java.util.Optional;

/**
 * One resilience4j rate limiter per hook, on this replica ({@code limitForPeriod} deliveries per
 * {@code limitRefreshPeriod}, no waiting): a flood on one hook does not slow the others. N replicas behind a load
 * balancer accept up to N times the limit. Limiters exist only for hooks that exist (the hook is looked up first).
 */
public class WebhookRateLimits {

    private final RateLimiterRegistry registry;

    public WebhookRateLimits(WebhookProperties properties) {
        this.registry = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(properties.limitForPeriod())
                .limitRefreshPeriod(properties.limitRefreshPeriod())
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    /** Takes a permit for a delivery to {@code hookId}; empty if granted, else how long until the next one. */
    public Optional<Duration> acquire(String hookId) {
        RateLimiter limiter = registry.rateLimiter(hookId);
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        long nanos = limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait()
                : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
        return Optional.of(Duration.ofNanos(Math.max(0, nanos)));
    }

    /** Drops a deleted hook's limiter. */
    public void forget(String hookId) {
        registry.remove(hookId);
    }
}
