package io.aviary.command.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.security.AuthProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Refresh tokens rotate on every use; a reused one revokes its family; logout revokes; one of racing uses wins. */
class RefreshTokenIntegrationTest extends CommandSideIntegrationTest {

    private static final String PASSWORD = "refresh-password-0123";

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private AuthProperties properties;

    @Test
    void a_refresh_answers_a_new_pair_and_reusing_the_spent_token_revokes_the_family() {
        // given a logged-in user
        String username = newUser();
        String first = api().login(username, PASSWORD).get("refreshToken").asText();

        // when they refresh
        ResponseEntity<JsonNode> refreshed = refresh(first);

        // then they get a new pair, with a working access token
        assertThat(refreshed.getStatusCode()).isEqualTo(HttpStatus.OK);
        String second = refreshed.getBody().get("refreshToken").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(refreshed.getBody().get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(refreshed.getBody().get("expiresIn").asLong()).isEqualTo(properties.accessTokenTtl().toSeconds());
        assertThat(createTask(refreshed.getBody().get("accessToken").asText()).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);

        // when the spent token is presented again (a thief, or a replay)
        ResponseEntity<JsonNode> reused = refresh(first);

        // then it is refused, and its descendant stops working too
        assertIsUnauthorizedProblem(reused);
        assertIsUnauthorizedProblem(refresh(second));
    }

    @Test
    void logout_revokes_the_family_but_not_other_logins() {
        // given two logins of one user, the first refreshed once
        String username = newUser();
        String first = api().login(username, PASSWORD).get("refreshToken").asText();
        String descendant = refresh(first).getBody().get("refreshToken").asText();
        String otherLogin = api().login(username, PASSWORD).get("refreshToken").asText();

        // when the first session logs out
        ResponseEntity<JsonNode> loggedOut = api().post("/api/v1/auth/logout", Map.of("refreshToken", descendant),
                (String) null);

        // then its refresh token is dead, the other login's is not
        assertThat(loggedOut.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertIsUnauthorizedProblem(refresh(descendant));
        assertThat(refresh(otherLogin).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void of_concurrent_refreshes_with_one_token_exactly_one_wins() throws Exception {
        // given a refresh token and eight clients racing to use it
        String token = api().login(newUser(), PASSWORD).get("refreshToken").asText();
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<CompletableFuture<HttpStatus>> answers = IntStream.range(0, racers)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return HttpStatus.valueOf(refresh(token).getStatusCode().value());
                    }, pool)).toList();

            // when they go at once
            start.countDown();

            // then exactly one gets a new pair; the others are refused
            List<HttpStatus> statuses = answers.stream().map(CompletableFuture::join).toList();
            assertThat(statuses).filteredOn(HttpStatus.OK::equals).hasSize(1);
            assertThat(statuses).filteredOn(HttpStatus.UNAUTHORIZED::equals).hasSize(racers - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknown_and_expired_refresh_tokens_are_refused() {
        assertIsUnauthorizedProblem(refresh("not-a-token"));

        String token = api().login(newUser(), PASSWORD).get("refreshToken").asText();
        SECURITY_CLOCK.advance(properties.refreshTokenTtl().plusSeconds(1));

        assertIsUnauthorizedProblem(refresh(token));
    }

    @Test
    void refresh_tokens_are_stored_only_as_hashes() {
        String token = api().login(newUser(), PASSWORD).get("refreshToken").asText();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM refresh_tokens WHERE token_hash = ?", Integer.class,
                OpaqueTokens.hash(token))).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM refresh_tokens WHERE token_hash = ?", Integer.class,
                token)).isZero();
    }

    private String newUser() {
        String username = "it-refresh-" + UUID.randomUUID().toString().substring(0, 8);
        api().createUser(username, PASSWORD, "MANAGER");
        return username;
    }

    private ResponseEntity<JsonNode> refresh(String token) {
        return api().post("/api/v1/auth/refresh", Map.of("refreshToken", token), (String) null);
    }

    private ResponseEntity<JsonNode> createTask(String accessToken) {
        return api().post("/api/v1/tasks", Map.of("type", "it-unroutable-" + UUID.randomUUID()), accessToken);
    }

    private static void assertIsUnauthorizedProblem(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().get("status").asInt()).isEqualTo(401);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
