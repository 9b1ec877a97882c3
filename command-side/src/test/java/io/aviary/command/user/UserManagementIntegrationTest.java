package io.aviary.command.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.support.TestApi.Agent;
import io.aviary.events.user.UserCreated;
import io.aviary.events.user.UserIds;
import io.aviary.events.user.UserRolesChanged;
import io.aviary.events.worker.WorkerIds;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.aviary.command.support.TestApi.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** Admins manage users and roles; roles reach the tokens issued afterwards; no secret ever lands in an event. */
class UserManagementIntegrationTest extends CommandSideIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "manager-password-0123";

    @Autowired
    private EventStore eventStore;
    @Autowired
    private JdbcTemplate jdbc;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void an_admin_creates_a_manager_who_logs_in_and_creates_a_task() {
        // given an admin creates a manager
        String username = "it-manager-" + suffix;
        String userId = api().createUser(username, PASSWORD, "MANAGER");

        // when the manager logs in and submits a task
        JsonNode login = api().login(username, PASSWORD);
        ResponseEntity<JsonNode> created = createTask(login.get("accessToken").asText());

        // then the task is accepted, and the user is an event with its roles (never its password)
        assertThat(userId).isEqualTo(UserIds.forUsername(username));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(payloads(userId, UserCreated.class)).singleElement().satisfies(event -> {
            assertThat(event.username()).isEqualTo(username);
            assertThat(event.roles()).extracting(Enum::name).containsExactly("MANAGER");
        });
        assertThat(claims(login.get("accessToken").asText()).get("roles").toString()).isEqualTo("[\"MANAGER\"]");
    }

    @Test
    void a_role_change_reaches_tokens_issued_afterwards_while_a_live_token_keeps_its_roles_until_it_expires() {
        // given a manager with a live token and a refresh token
        String username = "it-demoted-" + suffix;
        String userId = api().createUser(username, PASSWORD, "MANAGER");
        JsonNode login = api().login(username, PASSWORD);
        String liveToken = login.get("accessToken").asText();

        // when an admin makes them an accountant
        ResponseEntity<JsonNode> changed = api().exchange(HttpMethod.PUT, "/api/v1/users/" + userId + "/roles",
                Map.of("roles", List.of("ACCOUNTANT")), bearer(api().adminToken()));

        // then a new login and a refresh carry the new role and may no longer create tasks
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(payloads(userId, UserRolesChanged.class)).singleElement()
                .satisfies(event -> assertThat(event.roles()).extracting(Enum::name).containsExactly("ACCOUNTANT"));
        String newLogin = api().login(username, PASSWORD).get("accessToken").asText();
        String refreshed = api().post("/api/v1/auth/refresh", Map.of("refreshToken",
                login.get("refreshToken").asText()), (String) null).getBody().get("accessToken").asText();
        assertThat(createTask(newLogin).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(createTask(refreshed).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        // and the token issued before the change keeps its roles until it expires (at most the access-token TTL)
        assertThat(createTask(liveToken).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void only_admins_manage_users() {
        String manager = "it-not-admin-" + suffix;
        String userId = api().createUser(manager, PASSWORD, "MANAGER");
        String managerToken = api().login(manager, PASSWORD).get("accessToken").asText();
        Map<String, Object> body = Map.of("username", "it-sneaky-" + suffix, "password", PASSWORD,
                "roles", List.of("ADMIN"));

        assertThat(api().post("/api/v1/users", body, managerToken).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api().post("/api/v1/users", body, (String) null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(api().exchange(HttpMethod.PUT, "/api/v1/users/" + userId + "/roles",
                Map.of("roles", List.of("ADMIN")), bearer(managerToken)).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(eventCount(UserIds.forUsername("it-sneaky-" + suffix))).isZero();
    }

    @Test
    void a_username_is_taken_in_any_case_and_bad_input_is_refused() {
        api().createUser("it-Taken-" + suffix, PASSWORD, "ACCOUNTANT");

        ResponseEntity<JsonNode> duplicate = api().post("/api/v1/users", Map.of("username", "IT-TAKEN-" + suffix,
                "password", PASSWORD, "roles", List.of("MANAGER")), api().adminToken());
        ResponseEntity<JsonNode> shortPassword = api().post("/api/v1/users", Map.of("username", "it-short-" + suffix,
                "password", "too-short", "roles", List.of("MANAGER")), api().adminToken());
        ResponseEntity<JsonNode> agentRole = api().post("/api/v1/users", Map.of("username", "it-agent-" + suffix,
                "password", PASSWORD, "roles", List.of("AGENT")), api().adminToken());
        ResponseEntity<JsonNode> unknownRole = api().post("/api/v1/users", Map.of("username", "it-god-" + suffix,
                "password", PASSWORD, "roles", List.of("GOD")), api().adminToken());

        assertThat(duplicate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(shortPassword.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(shortPassword.getBody().get("errors").findValuesAsText("field")).containsExactly("password");
        assertThat(agentRole.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknownRole.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(eventCount(UserIds.forUsername("it-short-" + suffix))).isZero();
    }

    @Test
    void a_worker_persons_token_names_their_worker() {
        String username = "it-person-" + suffix;
        api().createUser(username, PASSWORD, "WORKER");

        JsonNode claims = claims(api().login(username, PASSWORD).get("accessToken").asText());

        assertThat(claims.get("workerId").asText()).isEqualTo(WorkerIds.forName(username));
        assertThat(claims.get("preferred_username").asText()).isEqualTo(username);
        assertThat(claims.has("hardwareId")).isFalse();
    }

    @Test
    void no_password_or_token_is_ever_stored_in_an_event() {
        // given users, logins, refreshes, an enrolled agent and its tokens
        String username = "it-secrets-" + suffix;
        String password = "secret-password-" + suffix;
        api().createUser(username, password, "MANAGER", "WORKER");
        JsonNode login = api().login(username, password);
        JsonNode refreshed = api().post("/api/v1/auth/refresh", Map.of("refreshToken",
                login.get("refreshToken").asText()), (String) null).getBody();
        String enrolmentToken = api().enrolmentToken();
        JsonNode enrolled = api().post("/api/v1/agents/enrol", Map.of("enrolmentToken", enrolmentToken,
                "name", "it-secret-agent-" + suffix, "hardwareId", "hw-" + suffix), (String) null).getBody();
        Agent agent = new Agent("it-secret-agent-" + suffix, enrolled.get("workerId").asText(), "hw-" + suffix,
                enrolled.get("agentSecret").asText(), enrolled.get("accessToken").asText());
        api().registerWorker(agent, "noop");
        List<String> secrets = List.of(password, login.get("accessToken").asText(),
                login.get("refreshToken").asText(), refreshed.get("refreshToken").asText(),
                refreshed.get("accessToken").asText(), enrolmentToken, agent.agentSecret(), agent.accessToken());

        // then no stored event (payload or metadata) contains any of them
        for (String secret : secrets) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE "
                            + "position(? in convert_from(payload, 'UTF8')) > 0 "
                            + "OR position(? in convert_from(coalesce(metaData, ''::bytea), 'UTF8')) > 0",
                    Integer.class, secret, secret)).as("events containing a secret").isZero();
        }
        // and the password hash is not there either
        String hash = jdbc.queryForObject("SELECT password_hash FROM user_credentials WHERE user_id = ?",
                String.class, UserIds.forUsername(username));
        assertThat(hash).startsWith("{bcrypt}");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE "
                + "position(? in convert_from(payload, 'UTF8')) > 0", Integer.class, hash)).isZero();
    }

    private ResponseEntity<JsonNode> createTask(String token) {
        return api().post("/api/v1/tasks", Map.of("type", "it-unroutable-" + UUID.randomUUID()), token);
    }

    private <T> List<T> payloads(String aggregateId, Class<T> type) {
        return eventStore.readEvents(aggregateId).asStream().map(Message::getPayload)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private int eventCount(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateIdentifier = ?",
                Integer.class, aggregateId);
    }

    private static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
