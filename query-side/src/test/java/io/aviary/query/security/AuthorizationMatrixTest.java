package io.aviary.query.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.aviary.events.user.Role;
import io.aviary.events.worker.WorkerIds;
import io.aviary.infra.EmbeddedStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static io.aviary.query.ReadModelFixtures.queue;
import static io.aviary.query.ReadModelFixtures.task;
import static io.aviary.query.ReadModelFixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the running app's OpenAPI document (so a new endpoint cannot slip through untested) x every
 * role and anonymous. The expectation comes from the operation's {@code x-aviary-roles}: anonymous gets 401 unless
 * the list is empty (a public operation, open to every caller); a listed role is let through (no 401/403, no server
 * error); any other role gets 403. Path and {@code workerId} parameters name the caller's own worker and its task,
 * so a WORKER's own-only rules admit it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationMatrixTest {

    private static final EmbeddedStack stack = EmbeddedStack.shared();
    private static final String DATABASE = stack.newDatabaseName("authz_matrix");
    private static final TestIdentityProvider IDP = TestIdentityProvider.shared();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** The WORKER of the matrix is the person "wendy"; her worker and task exist, so allowed calls find data. */
    private static final String WENDY = WorkerIds.forName("wendy");
    private static final String WENDY_TASK = "00000000-0000-0000-0000-0000000000aa";
    private static final Map<String, String> PATH_VALUES = Map.of("workerId", WENDY, "taskId", WENDY_TASK);
    private static final String OTHER_PATH_VALUE = "00000000-0000-0000-0000-000000000000";

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private ObjectMapper json;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", stack::mongoUri);
        registry.add("aviary.mongo.database", () -> DATABASE);
        IDP.register(registry);
    }

    @BeforeAll
    static void readModels() {
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            MongoDatabase db = client.getDatabase(DATABASE);
            db.getCollection("workers").insertOne(worker("wendy", "AVAILABLE", List.of("manual"), 1));
            db.getCollection("tasks").insertOne(task(WENDY_TASK, "manual", "ASSIGNED", WENDY, 2));
            db.getCollection("worker_queues").insertOne(new org.bson.Document(queue(WENDY, List.of(), List.of())));
        }
    }

    @TestFactory
    List<DynamicTest> everyOperationTimesEveryRole() throws Exception {
        JsonNode api = json.readTree(http.getForObject("/v3/api-docs", String.class));
        Map<String, String> callers = callers();
        List<DynamicTest> tests = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                operations++;
                HttpMethod method = HttpMethod.valueOf(entry.getKey().toUpperCase(Locale.ROOT));
                JsonNode operation = entry.getValue();
                String name = method + " " + path.getKey();
                JsonNode declared = operation.get(RolesOperationCustomizer.EXTENSION);
                tests.add(DynamicTest.dynamicTest(name + " declares its roles", () -> {
                    assertThat(declared).as(name + " has no x-aviary-roles: annotate its handler with @RolesAllowed"
                            + " or @PermitAll").isNotNull();
                    assertThat(roleNames(declared)).as(name + ": unknown role names")
                            .allSatisfy(role -> assertThat(Arrays.stream(Role.values()).map(Role::name))
                                    .contains(role));
                }));
                if (declared == null) {
                    continue;
                }
                List<String> allowed = roleNames(declared);
                String url = url(path.getKey(), operation);
                callers.forEach((caller, token) -> tests.add(DynamicTest.dynamicTest(name + " as " + caller,
                        () -> assertAnswer(name, caller, allowed, call(method, url, token)))));
            }
        }
        assertThat(operations).as("operations in /v3/api-docs").isGreaterThanOrEqualTo(5);
        return tests;
    }

    private static void assertAnswer(String name, String caller, List<String> allowed,
                                     ResponseEntity<String> response) {
        HttpStatus status = HttpStatus.valueOf(response.getStatusCode().value());
        String what = name + " as " + caller + " declared for " + allowed + ": " + response.getBody();
        if (caller.equals("anonymous") && !allowed.isEmpty()) {
            assertThat(status).as(what).isEqualTo(HttpStatus.UNAUTHORIZED);
        } else if (allowed.isEmpty() || caller.equals("anonymous") || allowed.contains(caller)) {
            // an empty list is @PermitAll: public, so every role is let through as well
            assertThat(status).as(what).isNotIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
            assertThat(status.is5xxServerError()).as(what).isFalse();
        } else {
            assertThat(status).as(what).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(status.is2xxSuccessful() || MediaType.APPLICATION_PROBLEM_JSON.equals(
                response.getHeaders().getContentType())).as(what + " (errors are problem+json)").isTrue();
    }

    /** Each role's token, and anonymous (no token). */
    private static Map<String, String> callers() {
        Map<String, String> callers = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            callers.put(role.name(), switch (role) {
                case WORKER -> IDP.forWorker("wendy");
                case AGENT -> IDP.forAgent("matrix-agent");
                default -> IDP.forRoles(role.name());
            });
        }
        callers.put("anonymous", null);
        return callers;
    }

    private static String url(String template, JsonNode operation) {
        String path = template;
        UriComponentsBuilder query = UriComponentsBuilder.newInstance();
        for (JsonNode parameter : iterable(operation.path("parameters"))) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            if (in.equals("path")) {
                path = path.replace("{" + name + "}", PATH_VALUES.getOrDefault(name, OTHER_PATH_VALUE));
            } else if (in.equals("query") && name.equals("workerId")) {
                query.queryParam(name, WENDY);
            }
        }
        return path + query.build().toUriString();
    }

    private ResponseEntity<String> call(HttpMethod method, String url, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        HttpEntity<String> request = method == HttpMethod.GET || method == HttpMethod.DELETE
                ? new HttpEntity<>(headers) : jsonBody(headers);
        return http.exchange(url, method, request, String.class);
    }

    private static HttpEntity<String> jsonBody(HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>("{}", headers);
    }

    private static List<String> roleNames(JsonNode roles) {
        return StreamSupport.stream(roles.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array::elements;
    }
}
