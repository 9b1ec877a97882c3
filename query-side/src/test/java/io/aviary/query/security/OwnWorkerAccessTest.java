package io.aviary.query.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.aviary.events.worker.WorkerIds;
import io.aviary.infra.EmbeddedStack;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.aviary.query.ReadModelFixtures.queue;
import static io.aviary.query.ReadModelFixtures.queueEntry;
import static io.aviary.query.ReadModelFixtures.task;
import static io.aviary.query.ReadModelFixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

/** A person with role WORKER sees their own worker, its queue and its tasks, and nothing of anyone else. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OwnWorkerAccessTest {

    private static final EmbeddedStack stack = EmbeddedStack.shared();
    private static final String DATABASE = stack.newDatabaseName("own_worker");
    private static final TestIdentityProvider IDP = TestIdentityProvider.shared();

    private static final String ALICE = WorkerIds.forName("alice");
    private static final String BOB = WorkerIds.forName("bob");
    private static final String ALICE_TASK = "00000000-0000-0000-0000-00000000a11c";
    private static final String BOB_TASK = "00000000-0000-0000-0000-000000000b0b";

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private ObjectMapper json;

    private final String alice = IDP.forWorker("alice");

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
            db.getCollection("workers").insertMany(List.of(
                    worker("alice", "AVAILABLE", List.of("manual"), 1),
                    worker("bob", "AVAILABLE", List.of("manual"), 2)));
            db.getCollection("tasks").insertMany(List.of(
                    task(ALICE_TASK, "manual", "ASSIGNED", ALICE, 10),
                    task(BOB_TASK, "manual", "ASSIGNED", BOB, 20)));
            db.getCollection("worker_queues").insertMany(List.of(
                    new Document(queue(ALICE, List.of(queueEntry(ALICE_TASK, 1, "ASSIGNED", 11, null)), List.of())),
                    new Document(queue(BOB, List.of(queueEntry(BOB_TASK, 1, "ASSIGNED", 21, null)), List.of()))));
        }
    }

    @Test
    void aWorkerReadsTheirOwnWorkerAndQueue() {
        assertThat(body(get("/api/v1/workers/" + ALICE, alice), HttpStatus.OK).get("name").asText())
                .isEqualTo("alice");
        assertThat(taskIds(body(get("/api/v1/workers/" + ALICE + "/queue", alice), HttpStatus.OK)))
                .containsExactly(ALICE_TASK);
    }

    @Test
    void anotherWorkerAndTheFleetListAreForbidden() {
        assertThat(get("/api/v1/workers/" + BOB, alice).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/v1/workers/" + BOB + "/queue", alice).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/v1/workers/" + UUID.randomUUID(), alice).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/v1/workers", alice).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aWorkerListsTasksOnlyFilteredByTheirOwnWorkerId() {
        assertThat(taskIds(body(get("/api/v1/tasks?workerId=" + ALICE, alice), HttpStatus.OK)))
                .containsExactly(ALICE_TASK);
        assertThat(get("/api/v1/tasks?workerId=" + BOB, alice).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/v1/tasks", alice).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/v1/tasks?workerId=", alice).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void anotherWorkersTaskLooksExactlyLikeAnUnknownOne() {
        ResponseEntity<String> own = get("/api/v1/tasks/" + ALICE_TASK, alice);
        ResponseEntity<String> others = get("/api/v1/tasks/" + BOB_TASK, alice);
        ResponseEntity<String> unknown = get("/api/v1/tasks/" + UUID.randomUUID(), alice);

        assertThat(body(own, HttpStatus.OK).get("workerId").asText()).isEqualTo(ALICE);
        JsonNode hidden = body(others, HttpStatus.NOT_FOUND);
        JsonNode missing = body(unknown, HttpStatus.NOT_FOUND);
        assertThat(hidden.get("title")).isEqualTo(missing.get("title"));
        assertThat(hidden.get("detail").asText()).isEqualTo("No task with id " + BOB_TASK);
    }

    @Test
    void managersSeeEveryWorkersTasks() {
        String manager = IDP.forRoles("MANAGER");

        assertThat(get("/api/v1/tasks/" + BOB_TASK, manager).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(taskIds(body(get("/api/v1/tasks", manager), HttpStatus.OK)))
                .containsExactlyInAnyOrder(ALICE_TASK, BOB_TASK);
    }

    @Test
    void aWorkerTokenWithoutAWorkerSeesNothing() {
        String noWorker = IDP.sign(IDP.claims("alice", "WORKER").claim("preferred_username", null));

        assertThat(get("/api/v1/workers/" + ALICE, noWorker).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/v1/tasks?workerId=" + ALICE, noWorker).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private JsonNode body(ResponseEntity<String> response, HttpStatus expected) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(expected);
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    private static List<String> taskIds(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .map(item -> item.get("taskId").asText()).toList();
    }
}
