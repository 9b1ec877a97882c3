package io.aviary.projections.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.infra.EmbeddedStack;
import io.aviary.projections.apply.EconomyFeed;
import io.aviary.projections.apply.EconomyScenario;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.apply.ReadModelProjector;
import io.aviary.projections.apply.ReadModelStore;
import io.aviary.projections.kafka.EventTopics;
import io.aviary.projections.security.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin API of the running projections app: the live consumer projects a history from a topic of the test's own;
 * rebuilds of {@code accounts} and {@code analytics_daily} from offset 0 swap in identical documents; the live
 * consumer goes on writing into the swapped-in collections; only an ADMIN may do any of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RebuildApiTest {

    private static final String TOPIC = EventTopics.create("rebuild-api", 3);
    private static final ReadModelStore store = new ReadModelStore("rebuild_api");
    private static final TestTokens tokens = TestTokens.shared();
    private static final String ADMIN = tokens.forRoles("ADMIN");
    private static final List<ProjectedEvent> HISTORY = EconomyScenario.feed().events();

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private ObjectMapper json;

    @Autowired
    private HoldableGate gate;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        EmbeddedStack stack = EmbeddedStack.shared();
        registry.add("spring.kafka.bootstrap-servers", stack::kafkaBootstrap);
        registry.add("spring.kafka.consumer.group-id", () -> "rebuild-api-" + UUID.randomUUID());
        registry.add("spring.data.mongodb.uri", stack::mongoUri);
        registry.add("aviary.mongo.database", () -> store.database().getName());
        registry.add("aviary.projections.topic", () -> TOPIC);
        tokens.register(registry);
    }

    @BeforeAll
    static void history() {
        EventTopics.produce(TOPIC, HISTORY);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    /** Lets a test hold a rebuild just before it pauses the live consumer. */
    static class HoldableGate implements LiveProjection {

        private final LiveProjection live;
        private volatile CountDownLatch hold = new CountDownLatch(0);

        HoldableGate(LiveProjection live) {
            this.live = live;
        }

        void hold() {
            hold = new CountDownLatch(1);
        }

        void release() {
            hold.countDown();
        }

        @Override
        public void pause() {
            try {
                hold.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            live.pause();
        }

        @Override
        public void resume() {
            live.resume();
        }
    }

    @TestConfiguration
    static class Gate {
        @Bean
        @Primary
        HoldableGate holdableGate(@Qualifier("liveListenerGate") LiveProjection live) {
            return new HoldableGate(live);
        }
    }

    @Test
    void rebuiltAccountsAndDailyAnalyticsAreIdenticalToTheLiveOnes() {
        // given the live consumer projected the whole history
        try (ReadModelStore reference = new ReadModelStore("rebuild_api_reference")) {
            new ReadModelProjector(reference.database()).apply(HISTORY);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(store.documents("accounts")).isEqualTo(reference.documents("accounts"));
                assertThat(store.documents("analytics_daily")).isEqualTo(reference.documents("analytics_daily"));
            });
        }
        List<Document> liveAccounts = store.documents("accounts");
        List<Document> liveDaily = store.documents("analytics_daily");

        for (String model : List.of("accounts", "analytics_daily")) {
            // when
            ResponseEntity<String> started = call(HttpMethod.POST, "/api/v1/admin/projections/" + model + "/rebuild",
                    ADMIN);

            // then
            assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(started.getHeaders().getLocation()).hasToString("/api/v1/admin/projections/" + model);
            assertThat(read(started).get("name").asText()).isEqualTo(model);
            JsonNode done = awaitDone(model);
            assertThat(done.get("processed").asLong()).isEqualTo(done.get("total").asLong())
                    .isGreaterThanOrEqualTo(HISTORY.size());
            assertThat(done.get("eventsPerSecond").asLong()).isPositive();
            assertThat(done.get("startedAt").asText()).isNotBlank();
            assertThat(done.get("finishedAt").asText()).isNotBlank();
        }
        assertThat(store.documents("accounts")).isEqualTo(liveAccounts);
        assertThat(store.documents("analytics_daily")).isEqualTo(liveDaily);

        // when a new day happens after the swap, the live consumer writes it into the swapped-in collections
        EconomyFeed tuesday = new EconomyFeed().at("2026-02-03T09:00:00Z").worker("dave", "noop");
        EventTopics.produce(TOPIC, tuesday.events());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(store.document("accounts", EconomyFeed.workerId("dave"))).isNotNull());
    }

    @Test
    void aSecondRebuildOfTheSameModelWhileOneRunsIsAConflictAndTheLiveModelServesMeanwhile() {
        await().atMost(Duration.ofSeconds(60)).until(() -> store.documents("billing_cycles").size() == 3);
        List<Document> live = store.documents("billing_cycles");
        gate.hold();
        try {
            // given a rebuild held just before its swap
            ResponseEntity<String> first = call(HttpMethod.POST, "/api/v1/admin/projections/billing_cycles/rebuild",
                    ADMIN);
            assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    read(call(HttpMethod.GET, "/api/v1/admin/projections/billing_cycles", ADMIN))
                            .path("phase").asText().equals("CATCHING_UP"));
            String rebuilt = read(first).get("collections").get(0).asText();
            assertThat(store.documents("billing_cycles")).isEqualTo(live);
            assertThat(store.documents(rebuilt)).isEqualTo(live);

            // when
            ResponseEntity<String> second = call(HttpMethod.POST, "/api/v1/admin/projections/billing_cycles/rebuild",
                    ADMIN);

            // then
            assertProblem(second, HttpStatus.CONFLICT, "is running already");
            assertThat(read(second).get("progress").get("state").asText()).isEqualTo("RUNNING");
        } finally {
            gate.release();
        }
        assertThat(awaitDone("billing_cycles").get("state").asText()).isEqualTo("DONE");
    }

    @Test
    void aModelNeverRebuiltIsIdleAndAnUnknownOneIsNotFound() {
        JsonNode idle = read(call(HttpMethod.GET, "/api/v1/admin/projections/analytics_fleet", ADMIN));

        assertThat(idle.get("state").asText()).isEqualTo("IDLE");
        assertProblem(call(HttpMethod.GET, "/api/v1/admin/projections/payroll", ADMIN), HttpStatus.NOT_FOUND,
                "No read model named 'payroll'");
        assertProblem(call(HttpMethod.POST, "/api/v1/admin/projections/payroll/rebuild", ADMIN),
                HttpStatus.NOT_FOUND, "account_audit");
    }

    @Test
    void onlyAnAdminMayRebuildOrWatch() {
        String path = "/api/v1/admin/projections/workers";

        assertProblem(call(HttpMethod.POST, path + "/rebuild", null), HttpStatus.UNAUTHORIZED, "bearer token");
        assertProblem(call(HttpMethod.GET, path, null), HttpStatus.UNAUTHORIZED, "bearer token");
        assertProblem(call(HttpMethod.GET, path, tokens.expired("ADMIN")), HttpStatus.UNAUTHORIZED, "invalid");
        assertProblem(call(HttpMethod.GET, path, "not-a-jwt"), HttpStatus.UNAUTHORIZED, "invalid");
        for (String role : List.of("MANAGER", "ACCOUNTANT", "WORKER", "AGENT")) {
            assertProblem(call(HttpMethod.POST, path + "/rebuild", tokens.forRoles(role)), HttpStatus.FORBIDDEN,
                    "roles");
        }
        assertThat(read(call(HttpMethod.GET, path, ADMIN)).get("state").asText()).isEqualTo("IDLE");
    }

    @Test
    void probesNeedNoToken() {
        assertThat(http.getForEntity("/actuator/health/liveness", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private JsonNode awaitDone(String model) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String state = read(call(HttpMethod.GET, "/api/v1/admin/projections/" + model, ADMIN)).get("state")
                    .asText();
            assertThat(state).as(model + " rebuild").isNotEqualTo("FAILED");
            return state.equals("DONE");
        });
        return read(call(HttpMethod.GET, "/api/v1/admin/projections/" + model, ADMIN));
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, method, new HttpEntity<>(headers), String.class);
    }

    private void assertProblem(ResponseEntity<String> response, HttpStatus status, String detail) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(read(response).get("detail").asText()).contains(detail);
    }

    private JsonNode read(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }
}
