package io.aviary.command.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.security.AuthProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brute force: after {@code max-failures} failed logins a username is locked (429 with Retry-After) for
 * {@code lock-duration}; other users are not affected; unknown usernames behave exactly like known ones.
 */
class LoginThrottleIntegrationTest extends CommandSideIntegrationTest {

    private static final String PASSWORD = "throttle-password-0123";

    @Autowired
    private AuthProperties properties;

    @Test
    void repeated_failures_lock_that_username_and_only_until_the_lock_ends() {
        // given two users
        String alice = newUser();
        String bob = newUser();
        int maxFailures = properties.login().maxFailures();

        // when alice's password is guessed wrong max-failures times
        for (int i = 0; i < maxFailures; i++) {
            assertThat(api().tryLogin(alice, "wrong-guess-" + i).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        // then even her correct password is refused while the lock lasts, with a 429 saying when to come back
        ResponseEntity<JsonNode> locked = api().tryLogin(alice, PASSWORD);
        assertThat(locked.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(locked.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        long retryAfter = Long.parseLong(locked.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isPositive().isLessThanOrEqualTo(properties.login().lockDuration().toSeconds());
        // and bob is not affected
        assertThat(api().tryLogin(bob, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);

        // when the lock duration has passed
        SECURITY_CLOCK.advance(properties.login().lockDuration().plusSeconds(1));

        // then alice logs in again
        assertThat(api().tryLogin(alice, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void failures_below_the_limit_are_forgotten_after_a_successful_login() {
        String carol = newUser();
        int maxFailures = properties.login().maxFailures();
        for (int i = 0; i < maxFailures - 1; i++) {
            api().tryLogin(carol, "wrong");
        }

        assertThat(api().tryLogin(carol, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api().tryLogin(carol, "wrong").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(api().tryLogin(carol, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void an_unknown_username_answers_exactly_like_a_known_one() {
        // given a known user and a username nobody has
        String known = newUser();
        String unknown = "it-nobody-" + UUID.randomUUID().toString().substring(0, 8);
        int maxFailures = properties.login().maxFailures();

        for (int i = 0; i < maxFailures; i++) {
            // when both fail
            ResponseEntity<JsonNode> knownAnswer = api().tryLogin(known, "wrong-password-x");
            ResponseEntity<JsonNode> unknownAnswer = api().tryLogin(unknown, "wrong-password-x");

            // then the answers are the same
            assertThat(unknownAnswer.getStatusCode()).isEqualTo(knownAnswer.getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(unknownAnswer.getBody().get("detail")).isEqualTo(knownAnswer.getBody().get("detail"));
        }
        // and both lock alike
        assertThat(api().tryLogin(known, "x").getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(api().tryLogin(unknown, "x").getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    private String newUser() {
        String username = "it-throttle-" + UUID.randomUUID().toString().substring(0, 8);
        api().createUser(username, PASSWORD, "ACCOUNTANT");
        return username;
    }
}
