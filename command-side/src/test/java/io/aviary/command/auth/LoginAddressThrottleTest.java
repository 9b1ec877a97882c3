package io.aviary.command.auth;

import io.aviary.command.security.AuthProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginAddressThrottleTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final LoginAddressThrottle throttle = new LoginAddressThrottle(new AuthProperties("aviary",
            Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofMinutes(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), null, Duration.ofMinutes(60),
            new AuthProperties.Login(5, Duration.ofMinutes(15), Duration.ofMinutes(15), 3, Duration.ofMinutes(1)),
            new AuthProperties.Oidc(null, null, "roles")));

    @Test
    void an_address_is_blocked_after_its_failures_until_the_window_ends_and_others_are_not() {
        // given an address that failed twice: not blocked yet
        throttle.recordFailure("10.0.0.1", T0);
        throttle.recordFailure("10.0.0.1", T0.plusSeconds(10));
        assertThat(throttle.blockedUntil("10.0.0.1", T0.plusSeconds(10))).isEmpty();

        // when it fails a third time
        throttle.recordFailure("10.0.0.1", T0.plusSeconds(20));

        // then it is blocked until one window after its first failure; another address is not
        assertThat(throttle.blockedUntil("10.0.0.1", T0.plusSeconds(21))).contains(T0.plusSeconds(60));
        assertThat(throttle.blockedUntil("10.0.0.2", T0.plusSeconds(21))).isEmpty();
        // and when the window is over, it starts afresh
        assertThat(throttle.blockedUntil("10.0.0.1", T0.plusSeconds(60))).isEmpty();
        throttle.recordFailure("10.0.0.1", T0.plusSeconds(61));
        assertThat(throttle.blockedUntil("10.0.0.1", T0.plusSeconds(62))).isEmpty();
    }
}
