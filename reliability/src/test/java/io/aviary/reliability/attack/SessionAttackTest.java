package io.aviary.reliability.attack;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.events.user.Role;
import io.aviary.reliability.Figures;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens and sessions beyond the identity module's own tests, on the running platform: a deleted user, a role taken
 * away while a token is live, and one refresh token spent by many threads at once.
 */
class SessionAttackTest {

    /** An empty task: any authorised caller gets 400 for it, so it proves authorisation without changing anything. */
    private static final Map<String, Object> INVALID_TASK = Map.of("priority", "not a number");

    @Test
    void a_deleted_user_cannot_log_in_or_refresh_and_its_live_token_is_refused_by_the_command_side_at_once() {
        // given a manager who is logged in, whose token works on both sides
        Attackers attackers = Attackers.get();
        String username = "attack-deleted-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "attack-deleted-pw-" + UUID.randomUUID();
        KnownSecrets.add("deleted user's password", password);
        String userId = attackers.createUser(username, password, Role.MANAGER);
        JsonNode login = attackers.login(username, password);
        String token = login.path("accessToken").asText();
        KnownSecrets.add("deleted user's access token", token);
        KnownSecrets.add("deleted user's refresh token", login.path("refreshToken").asText());
        assertThat(createTask(token).status()).as("authorised before").isEqualTo(400);
        assertThat(listTasks(token).status()).isEqualTo(200);

        // when an admin deletes the user
        RawHttp.Response deleted = Calls.command(InetAddress.getLoopbackAddress(), "DELETE", "/api/v1/users/" + userId,
                null, attackers.as(Role.ADMIN).headers());

        // then: no login, no refresh, and the command side refuses the live token at once (401 problem)
        assertThat(deleted.status()).as(deleted.abbreviated()).isEqualTo(202);
        RawHttp.Response relogin = Calls.command(RawHttp.loopback(90), "POST", "/api/v1/auth/login",
                Map.of("username", username, "password", password), List.of());
        assertThat(relogin.status()).isEqualTo(401);
        RawHttp.Response refresh = Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/auth/refresh",
                Map.of("refreshToken", login.path("refreshToken").asText()), List.of());
        assertThat(refresh.status()).isEqualTo(401);
        RawHttp.Response command = createTask(token);
        assertThat(command.status()).isEqualTo(401);
        assertThat(command.problemViolation()).isNull();
        // and the query side (read-only, no database of users) serves it until it expires: at most 15 minutes
        JsonNode claims = claims(token);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isLessThanOrEqualTo(15 * 60);
        assertThat(listTasks(token).status()).isEqualTo(200);
        Figures.of("attack: deleted user").put("login", relogin.status()).put("refresh", refresh.status())
                .put("live token on command-side", command.status())
                .put("live token on query-side (until exp)", 200).report();
    }

    @Test
    void a_role_removed_while_a_token_is_live_reaches_the_next_login_or_refresh_and_the_live_token_keeps_it() {
        // given a manager with a live token and a refresh token
        Attackers attackers = Attackers.get();
        String username = "attack-demoted-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "attack-demoted-pw-" + UUID.randomUUID();
        KnownSecrets.add("demoted user's password", password);
        String userId = attackers.createUser(username, password, Role.MANAGER);
        JsonNode login = attackers.login(username, password);
        String live = login.path("accessToken").asText();
        KnownSecrets.add("demoted user's access token", live);

        // when an admin makes them an accountant
        RawHttp.Response changed = Calls.command(InetAddress.getLoopbackAddress(), "PUT",
                "/api/v1/users/" + userId + "/roles", Map.of("roles", List.of("ACCOUNTANT")),
                attackers.as(Role.ADMIN).headers());
        assertThat(changed.status()).isEqualTo(202);

        // then a new login and a refresh carry only the new role: no more task commands or task reads
        String fresh = attackers.login(username, password).path("accessToken").asText();
        RawHttp.Response refreshed = Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/auth/refresh",
                Map.of("refreshToken", login.path("refreshToken").asText()), List.of());
        assertThat(refreshed.status()).isEqualTo(200);
        String refreshedToken = refreshed.json().path("accessToken").asText();
        for (String token : List.of(fresh, refreshedToken)) {
            assertThat(claims(token).path("roles").toString()).isEqualTo("[\"ACCOUNTANT\"]");
            assertThat(createTask(token).status()).isEqualTo(403);
            assertThat(listTasks(token).status()).isEqualTo(403);
        }
        // and, as documented, the token issued before the change keeps its roles until it expires (<= 15 minutes)
        assertThat(claims(live).path("roles").toString()).isEqualTo("[\"MANAGER\"]");
        assertThat(createTask(live).status()).isEqualTo(400);
        assertThat(listTasks(live).status()).isEqualTo(200);
        Figures.of("attack: role removed while a token is live").put("new tokens", "403")
                .put("live token", "keeps its roles until exp (<= 15 min), as documented").report();
    }

    @Test
    void one_refresh_token_spent_by_many_threads_at_once_wins_at_most_once_and_revokes_its_family() throws Exception {
        // given a login
        Attackers attackers = Attackers.get();
        JsonNode login = attackers.login(attackers.username(Role.WORKER), attackers.password(Role.WORKER));
        String refreshToken = login.path("refreshToken").asText();
        KnownSecrets.add("raced refresh token", refreshToken);
        int threads = 12;

        // when twelve threads present it at the same moment
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RawHttp.Response>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/auth/refresh",
                        Map.of("refreshToken", refreshToken), List.of());
            }));
        }
        start.countDown();
        List<RawHttp.Response> answers = new ArrayList<>();
        for (Future<RawHttp.Response> future : futures) {
            answers.add(future.get());
        }
        pool.shutdown();

        // then at most one got a new pair, all others a 401 problem
        List<RawHttp.Response> winners = answers.stream().filter(a -> a.status() == 200).toList();
        assertThat(winners).as("statuses %s", answers.stream().map(RawHttp.Response::status).toList()).hasSizeLessThanOrEqualTo(1);
        assertThat(answers).filteredOn(a -> a.status() != 200).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.problemViolation()).isNull();
        });
        // and the family is revoked: the winner's new refresh token is refused too
        for (RawHttp.Response winner : winners) {
            String successor = winner.json().path("refreshToken").asText();
            KnownSecrets.add("raced successor refresh token", successor);
            KnownSecrets.add("raced successor access token", winner.json().path("accessToken").asText());
            RawHttp.Response next = Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/auth/refresh",
                    Map.of("refreshToken", successor), List.of());
            assertThat(next.status()).as("the winner's successor").isEqualTo(401);
        }
        assertThat(Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/auth/refresh",
                Map.of("refreshToken", refreshToken), List.of()).status()).isEqualTo(401);
        Figures.of("attack: concurrent refresh").put("threads", threads).put("winners", winners.size())
                .put("401", answers.size() - winners.size()).put("family revoked", true).report();
    }

    private static RawHttp.Response createTask(String token) {
        return Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/tasks", INVALID_TASK,
                RawHttp.headers("Authorization", "Bearer " + token));
    }

    private static RawHttp.Response listTasks(String token) {
        return Calls.query("/api/v1/tasks?size=1", RawHttp.headers("Authorization", "Bearer " + token));
    }

    static JsonNode claims(String jwt) {
        try {
            return Calls.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                    StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
