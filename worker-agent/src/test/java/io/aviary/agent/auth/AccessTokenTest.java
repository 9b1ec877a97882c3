package io.aviary.agent.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void renewedAtEightyPercentOfItsLifetime() {
        AccessToken token = new AccessToken("jwt", NOW, Duration.ofMinutes(15));

        assertThat(token.refreshDelay()).isEqualTo(Duration.ofMinutes(12));
        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aVeryShortLifetimeDoesNotMakeTheRenewalSpin() {
        assertThat(new AccessToken("jwt", NOW, Duration.ofMillis(10)).refreshDelay())
                .isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void theTokenStaysOutOfToString() {
        assertThat(new AccessToken("eyJsecret", NOW, Duration.ofMinutes(1)).toString()).doesNotContain("eyJsecret");
    }
}
