package io.aviary.agent.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * An access token of the command side and when it runs out.
 *
 * @param value      the JWT
 * @param obtainedAt when the agent received it (its own clock: the lifetime is relative, so clock skew between
 *                   agent and command side does not matter)
 * @param lifetime   the {@code expiresIn} of the answer
 */
public record AccessToken(String value, Instant obtainedAt, Duration lifetime) {

    /** Renewed after this share of its lifetime: late enough to be cheap, early enough to never be sent expired. */
    static final double REFRESH_AT = 0.8;
    private static final Duration MIN_REFRESH_DELAY = Duration.ofMillis(100);

    public Instant expiresAt() {
        return obtainedAt.plus(lifetime);
    }

    /** How long after {@link #obtainedAt()} to renew it. */
    public Duration refreshDelay() {
        Duration delay = Duration.ofMillis((long) (lifetime.toMillis() * REFRESH_AT));
        return delay.compareTo(MIN_REFRESH_DELAY) < 0 ? MIN_REFRESH_DELAY : delay;
    }

    @Override
    public String toString() {
        return "AccessToken[obtainedAt=" + obtainedAt + ", lifetime=" + lifetime + ", value=***]";
    }
}
