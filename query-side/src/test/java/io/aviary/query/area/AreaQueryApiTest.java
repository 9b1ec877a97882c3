package io.aviary.query.area;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.aviary.infra.EmbeddedStack;
import io.aviary.query.ApiCalls;
import io.aviary.query.security.TestIdentityProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.UUID;

import static io.aviary.query.ApiCalls.longs;
import static io.aviary.query.ApiCalls.texts;
import static io.aviary.query.area.AreaFixtures.CRON;
import static io.aviary.query.area.AreaFixtures.DELETED;
import static io.aviary.query.area.AreaFixtures.PAUSED;
import static io.aviary.query.area.AreaFixtures.WEBHOOK;
import static org.assertj.core.api.Assertions.assertThat;

/** The AREA query API over fixture documents, called with the roles of the matrix. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AreaQueryApiTest {

    private static final EmbeddedStack stack = EmbeddedStack.shared();
    private static final String DATABASE = stack.newDatabaseName("area_api");
    private static final TestIdentityProvider IDP = TestIdentityProvider.shared();
    private static final String MANAGER = IDP.forRoles("MANAGER");
    private static final String ADMIN = IDP.forRoles("ADMIN");
    private static final String ACCOUNTANT = IDP.forRoles("ACCOUNTANT");
    private static final String WORKER = IDP.forWorker("wendy");

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private ObjectMapper json;

    private ApiCalls api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", stack::mongoUri);
        registry.add("aviary.mongo.database", () -> DATABASE);
        registry.add("aviary.areas.webhooks.base-url", () -> "https://aviary.example.com/");
        IDP.register(registry);
    }

    @BeforeAll
    static void readModels() {
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            MongoDatabase db = client.getDatabase(DATABASE);
            db.getCollection("areas").insertMany(AreaFixtures.areas());
            db.getCollection("area_executions").insertMany(AreaFixtures.executions());
            db.getCollection("area_deliveries").insertMany(AreaFixtures.deliveries());
        }
    }

    @BeforeEach
    void calls() {
        api = new ApiCalls(http, json);
    }

    @Test
    void aManagerListsAreasNewestFirstInPages() {
        JsonNode all = api.ok("/api/v1/areas", MANAGER);
        JsonNode second = api.ok("/api/v1/areas?size=2&page=1", ADMIN);
        JsonNode paused = api.ok("/api/v1/areas?state=PAUSED", MANAGER);

        assertThat(texts(all.get("items"), "areaId")).containsExactly(PAUSED, CRON, WEBHOOK, DELETED);
        assertThat(all.get("total").asLong()).isEqualTo(4);
        assertThat(all.get("size").asInt()).isEqualTo(50);
        JsonNode cron = all.get("items").get(1);
        assertThat(cron.get("name").asText()).isEqualTo("status watch");
        assertThat(cron.get("actionType").asText()).isEqualTo("http.poll");
        assertThat(cron.get("triggerKind").asText()).isEqualTo("CRON");
        assertThat(cron.get("nextFireAt").asText()).isEqualTo("2026-03-02T10:04:00Z");
        assertThat(cron.get("executions").asLong()).isEqualTo(3);
        assertThat(cron.get("lastExecution").get("status").asText()).isEqualTo("NOT_TRIGGERED");
        assertThat(texts(second.get("items"), "areaId")).containsExactly(WEBHOOK, DELETED);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("total").asLong()).isEqualTo(4);
        assertThat(texts(paused.get("items"), "areaId")).containsExactly(PAUSED);
        assertThat(paused.get("total").asLong()).isEqualTo(1);
    }

    @Test
    void oneAreaShowsItsDefinitionStateAndSchedule() {
        JsonNode area = api.ok("/api/v1/areas/" + CRON, MANAGER);

        assertThat(area.get("areaId").asText()).isEqualTo(CRON);
        assertThat(area.get("version").asInt()).isEqualTo(2);
        assertThat(area.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(area.get("action").get("type").asText()).isEqualTo("http.poll");
        assertThat(area.get("action").get("params").get("url").asText()).isEqualTo("http://localhost/status");
        assertThat(area.get("action").get("connection").asText()).isEqualTo("status");
        assertThat(area.get("trigger").get("cron").asText()).isEqualTo("0 * * * * *");
        assertThat(area.get("trigger").get("zone").asText()).isEqualTo("Europe/Paris");
        assertThat(texts(area.get("reactions"), "type")).containsExactly("log", "http.post");
        assertThat(area.get("reactions").get(0).get("condition").asText()).isEqualTo("output.status == 404");
        assertThat(area.get("retryPolicy").get("maxAttempts").asInt()).isEqualTo(3);
        assertThat(area.get("retryPolicy").get("multiplier").asDouble()).isEqualTo(2.0);
        assertThat(area.get("createdAt").asText()).isEqualTo("2026-03-02T10:00:30Z");
        assertThat(area.get("lastFireAt").asText()).isEqualTo("2026-03-02T10:03:00.100Z");
        assertThat(area.get("nextFireAt").asText()).isEqualTo("2026-03-02T10:04:00Z");
        assertThat(area.get("webhook").isNull()).isTrue();
        assertThat(area.has("seq")).isFalse();
        assertThat(area.has("openExecutions")).isFalse();
    }

    @Test
    void aWebhookAreaShowsItsUrlButNoSecretAndNoNextFire() {
        JsonNode area = api.ok("/api/v1/areas/" + WEBHOOK, ADMIN);

        assertThat(area.get("webhook").get("url").asText()).isEqualTo("https://aviary.example.com/webhooks/github/hook-b2");
        assertThat(area.get("webhook").get("hookId").asText()).isEqualTo("hook-b2");
        assertThat(area.get("nextFireAt").isNull()).isTrue();
        assertThat(area.get("deliveries").asLong()).isEqualTo(3);
        assertThat(area.toString()).doesNotContainIgnoringCase("secret\":\"");
        JsonNode deleted = api.ok("/api/v1/areas/" + DELETED, ADMIN);
        assertThat(deleted.get("state").asText()).isEqualTo("DELETED");
        assertThat(deleted.get("deletedAt").asText()).isEqualTo("2026-03-02T08:00:10Z");
    }

    @Test
    void executionsAreListedNewestFirstWithTheirActionAndReactionOutcomes() {
        JsonNode first = api.ok("/api/v1/areas/" + CRON + "/executions?size=2", MANAGER);
        JsonNode second = api.ok("/api/v1/areas/" + CRON + "/executions?size=2&page=1", MANAGER);
        JsonNode beyond = api.ok("/api/v1/areas/" + CRON + "/executions?size=2&page=5", MANAGER);

        assertThat(texts(first.get("items"), "executionId")).containsExactly("e-3", "e-2");
        assertThat(longs(first.get("items"), "number")).containsExactly(2L, 1L);
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(texts(second.get("items"), "executionId")).containsExactly("e-1");
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(3);

        JsonNode partial = first.get("items").get(1);
        assertThat(partial.get("status").asText()).isEqualTo("PARTIALLY_FAILED");
        assertThat(partial.get("version").asInt()).isEqualTo(1);
        assertThat(partial.get("source").asText()).isEqualTo("CRON");
        assertThat(partial.get("scheduledFor").asText()).isEqualTo("2026-03-02T10:02:00Z");
        assertThat(partial.get("firedAt").asText()).isEqualTo("2026-03-02T10:02:00.100Z");
        assertThat(partial.get("durationMs").asLong()).isEqualTo(9_090);
        assertThat(partial.get("action").get("attempts").asInt()).isEqualTo(2);
        assertThat(partial.get("action").get("triggered").asBoolean()).isTrue();
        assertThat(partial.get("action").get("durationMs").asLong()).isEqualTo(1_000);
        JsonNode skipped = partial.get("reactions").get(0);
        assertThat(skipped.get("status").asText()).isEqualTo("SKIPPED");
        assertThat(skipped.get("conditionHeld").asBoolean()).isFalse();
        assertThat(skipped.get("taskId").isNull()).isTrue();
        assertThat(skipped.get("durationMs").isNull()).isTrue();
        JsonNode deadLettered = partial.get("reactions").get(1);
        assertThat(deadLettered.get("status").asText()).isEqualTo("FAILED");
        assertThat(deadLettered.get("outcome").asText()).isEqualTo("FAILURE");
        assertThat(deadLettered.get("attempts").asInt()).isEqualTo(3);
        assertThat(deadLettered.get("taskId").asText()).isEqualTo("t-e2-r1");
        assertThat(deadLettered.get("durationMs").asLong()).isEqualTo(8_000);
    }

    @Test
    void deliveriesAreListedNewestFirstAndAreaWithoutWebhookHasNone() {
        JsonNode deliveries = api.ok("/api/v1/areas/" + WEBHOOK + "/deliveries", MANAGER);
        JsonNode none = api.ok("/api/v1/areas/" + CRON + "/deliveries", MANAGER);

        assertThat(texts(deliveries.get("items"), "deliveryId")).containsExactly("delivery-3", "delivery-2",
                "delivery-1");
        assertThat(texts(deliveries.get("items"), "executionId")).containsExactly("w-3", "w-2", "w-1");
        assertThat(deliveries.get("items").get(0).get("firedAt").asText()).isEqualTo("2026-03-02T11:00:00Z");
        assertThat(deliveries.get("total").asLong()).isEqualTo(3);
        assertThat(none.get("items")).isEmpty();
        assertThat(none.get("total").asLong()).isZero();
        JsonNode running = api.ok("/api/v1/areas/" + WEBHOOK + "/executions?size=1", MANAGER).get("items").get(0);
        assertThat(running.get("status").asText()).isEqualTo("RUNNING");
        assertThat(running.get("deliveryId").asText()).isEqualTo("delivery-3");
        assertThat(running.get("action").isNull()).isTrue();
    }

    @Test
    void anUnknownAreaIs404OnEveryEndpoint() {
        String unknown = UUID.randomUUID().toString();
        for (String path : List.of("", "/executions", "/deliveries")) {
            api.problem("/api/v1/areas/" + unknown + path, MANAGER, HttpStatus.NOT_FOUND, "No AREA with id " + unknown);
        }
    }

    @Test
    void badPagingAndAnUnknownStateAre400() {
        api.problem("/api/v1/areas?size=0", MANAGER, HttpStatus.BAD_REQUEST, null);
        api.problem("/api/v1/areas?page=-1", MANAGER, HttpStatus.BAD_REQUEST, null);
        api.problem("/api/v1/areas/" + CRON + "/executions?size=0", MANAGER, HttpStatus.BAD_REQUEST, null);
        api.problem("/api/v1/areas/" + WEBHOOK + "/deliveries?page=x", MANAGER, HttpStatus.BAD_REQUEST, null);
        api.problem("/api/v1/areas?state=SLEEPING", MANAGER, HttpStatus.BAD_REQUEST, "ACTIVE, PAUSED, DELETED");
    }

    @Test
    void onlyAdminsAndManagersReadAreas() {
        for (String path : List.of("/api/v1/areas", "/api/v1/areas/" + CRON, "/api/v1/areas/" + CRON + "/executions",
                "/api/v1/areas/" + WEBHOOK + "/deliveries")) {
            api.problem(path, WORKER, HttpStatus.FORBIDDEN, null);
            api.problem(path, ACCOUNTANT, HttpStatus.FORBIDDEN, null);
            api.problem(path, null, HttpStatus.UNAUTHORIZED, null);
            assertThat(api.get(path, ADMIN).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
    }
}
