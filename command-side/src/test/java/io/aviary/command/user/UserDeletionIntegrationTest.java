package io.aviary.command.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.events.user.UserCreated;
import io.aviary.events.user.UserDeleted;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.aviary.command.support.TestApi.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin deletes a user: one {@code UserDeleted} event; the user can no longer log in or refresh; its access tokens
 * issued before the deletion are refused at once; the username can be created again.
 */
class UserDeletionIntegrationTest extends CommandSideIntegrationTest {

    private static final String PASSWORD = "deleted-password-0123";

    @Autowired
    private EventStore eventStore;
    @Autowired
    private JdbcTemplate jdbc;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void a_deleted_user_cannot_log_in_refresh_or_use_a_live_access_token_and_the_name_can_be_created_again() {
        // given a manager who is logged in, with a live access token and a refresh token
        String username = "it-deleted-" + suffix;
        String userId = api().createUser(username, PASSWORD, "MANAGER");
        JsonNode login = api().login(username, PASSWORD);
        String liveToken = login.get("accessToken").asText();
        assertThat(createTask(liveToken).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        // when an admin deletes the user
        ResponseEntity<JsonNode> deleted = delete(userId, api().adminToken());

        // then the deletion is one event (no secret in it), and every way back in is closed
        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(events(userId)).last().isEqualTo(UserDeleted.class);
        assertThat(api().tryLogin(username, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<JsonNode> refresh = api().post("/api/v1/auth/refresh",
                Map.of("refreshToken", login.get("refreshToken").asText()), (String) null);
        assertThat(refresh.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<JsonNode> withLiveToken = createTask(liveToken);
        assertThat(withLiveToken.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(withLiveToken.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM user_roles WHERE user_id = ?", Integer.class, userId))
                .isZero();

        // and a second deletion, or a role change, finds no user
        assertThat(delete(userId, api().adminToken()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api().exchange(HttpMethod.PUT, "/api/v1/users/" + userId + "/roles",
                Map.of("roles", List.of("ADMIN")), bearer(api().adminToken())).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        // when the username is created again (a second later: tokens count whole seconds)
        SECURITY_CLOCK.advance(java.time.Duration.ofSeconds(2));
        assertThat(api().createUser(username, PASSWORD + "-new", "MANAGER")).isEqualTo(userId);

        // then the new user logs in and works, while the old token stays refused
        String newToken = api().login(username, PASSWORD + "-new").get("accessToken").asText();
        assertThat(createTask(newToken).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(createTask(liveToken).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(events(userId)).containsExactly(UserCreated.class, UserDeleted.class, UserCreated.class);
    }

    @Test
    void only_admins_delete_users_nobody_deletes_themselves_and_an_unknown_user_is_not_found() {
        String userId = api().createUser("it-kept-" + suffix, PASSWORD, "MANAGER");
        String managerToken = api().login("it-kept-" + suffix, PASSWORD).get("accessToken").asText();
        String adminId = io.aviary.events.user.UserIds.forUsername("admin");

        assertThat(delete(userId, managerToken).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(delete(userId, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(delete(adminId, api().adminToken()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(delete(UUID.randomUUID().toString(), api().adminToken()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(events(userId)).containsExactly(UserCreated.class);
        assertThat(api().login("it-kept-" + suffix, PASSWORD).has("accessToken")).isTrue();
    }

    private ResponseEntity<JsonNode> delete(String userId, String token) {
        return api().exchange(HttpMethod.DELETE, "/api/v1/users/" + userId, null, bearer(token));
    }

    private ResponseEntity<JsonNode> createTask(String token) {
        return api().post("/api/v1/tasks", Map.of("type", "it-unroutable-" + UUID.randomUUID()), token);
    }

    private List<Class<?>> events(String userId) {
        return eventStore.readEvents(userId).asStream().<Class<?>>map(Message::getPayloadType).toList();
    }
}
