package io.aviary.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.aviary.events.worker.WorkerIds;
import io.aviary.infra.EmbeddedStack;
import io.aviary.query.security.TestIdentityProvider;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.aviary.query.ReadModelFixtures.at;
import static io.aviary.query.ReadModelFixtures.lastOutcome;
import static io.aviary.query.ReadModelFixtures.queue;
import static io.aviary.query.ReadModelFixtures.queueEntry;
import static io.aviary.query.ReadModelFixtures.task;
import static io.aviary.query.ReadModelFixtures.timeline;
import static io.aviary.query.ReadModelFixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Query API over read-model documents in a fresh database of the embedded MongoDB wire server, called by a
 * manager (a bearer token of the test's identity provider).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueryApiTest {

    private static final EmbeddedStack stack = EmbeddedStack.shared();
    private static final String DATABASE = stack.newDatabaseName("query_api");
    private static MongoClient client;
    private static final TestIdentityProvider IDP = TestIdentityProvider.shared();
    private static final String MANAGER_TOKEN = IDP.forRoles("MANAGER");

    private static final String ALPHA = WorkerIds.forName("alpha");
    private static final String BRAVO = WorkerIds.forName("bravo");
    private static final String CHARLIE = WorkerIds.forName("charlie");
    private static final String UNREGISTERED = WorkerIds.forName("not-yet-registered");
    private static final String DONE = "00000000-0000-0000-0000-000000000001";
    private static final String RUNNING = "00000000-0000-0000-0000-000000000002";
    private static final String QUEUED = "00000000-0000-0000-0000-000000000003";
    private static final String FAILED = "00000000-0000-0000-0000-000000000004";
    // waiting tasks, older than the four above
    private static final String RENDER = "00000000-0000-0000-0000-000000000005";
    private static final String TRANSCODE = "00000000-0000-0000-0000-000000000006";
    private static final String SLEEP_IN_US = "00000000-0000-0000-0000-000000000007";
    private static final String SLEEP_IN_EU = "00000000-0000-0000-0000-000000000008";
    private static final String RENDER_RETRY_DUE = "00000000-0000-0000-0000-000000000009";
    private static final String RENDER_RETRY_LATER = "00000000-0000-0000-0000-000000000010";

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private ObjectMapper json;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", stack::mongoUri);
        registry.add("aviary.mongo.database", () -> DATABASE);
        IDP.register(registry);
    }

    @BeforeAll
    static void readModels() {
        client = MongoClients.create(stack.mongoUri());
        MongoDatabase db = client.getDatabase(DATABASE);
        db.getCollection("workers").insertMany(List.of(
                worker("charlie", "DRAINING", List.of("noop", "transcode"), 3),
                // one slot, no queue: the one attempt it holds (worker_queues below) fills it
                worker("alpha", "AVAILABLE", List.of("noop", "http", "sleep"), 1).append("slots", 1)
                        .append("maxQueue", 0)
                        .append("lastOutcomes", new Document()
                                .append("noop", lastOutcome(DONE, "SUCCESS", "COMPLETED", 40))
                                .append("http", lastOutcome(FAILED, "FAILURE", "DEAD_LETTERED", 50))
                                .append("legacy", lastOutcome(UUID.randomUUID().toString(), "SUCCESS", "COMPLETED",
                                        10))),
                worker("bravo", "AVAILABLE", List.of("sleep"), 2),
                // outcomes projected before the registration: not a worker yet
                new Document("_id", UNREGISTERED).append("lastOutcomes",
                        new Document("noop", lastOutcome(DONE, "SUCCESS", "COMPLETED", 40)))));
        db.getCollection("tasks").insertMany(List.of(
                task(DONE, "noop", "COMPLETED", ALPHA, 10)
                        .append("timeline", List.of(
                                timeline("TaskCreated", "QUEUED", 0, null, 10, null),
                                timeline("TaskAssigned", "ASSIGNED", 1, ALPHA, 11, null),
                                timeline("TaskStarted", "RUNNING", 1, ALPHA, 12, null),
                                timeline("TaskCompleted", "COMPLETED", 1, ALPHA, 13, "SUCCESS: done"))),
                task(RUNNING, "sleep", "RUNNING", BRAVO, 20),
                task(QUEUED, "noop", "QUEUED", null, 30),
                task(FAILED, "http", "DEAD_LETTERED", ALPHA, 40),
                task(RENDER, "render", "QUEUED", null, 6),
                task(TRANSCODE, "transcode", "QUEUED", null, 5),
                task(SLEEP_IN_US, "sleep", "QUEUED", null, 4).append("requiredLabels", new Document("zone", "us")),
                task(SLEEP_IN_EU, "sleep", "QUEUED", null, 3).append("requiredLabels", new Document("zone", "eu")),
                task(RENDER_RETRY_DUE, "render", "RETRY_SCHEDULED", null, 2).append("notBefore", at(50)),
                task(RENDER_RETRY_LATER, "render", "RETRY_SCHEDULED", null, 1)
                        .append("notBefore", Date.from(Instant.parse("2999-01-01T00:00:00Z")))));
        db.getCollection("worker_queues").insertOne(new Document(queue(ALPHA,
                List.of(queueEntry(QUEUED, 1, "ASSIGNED", 60, null)),
                List.of(queueEntry(FAILED, 3, "TIMED_OUT", 45, 50), queueEntry(DONE, 1, "SUCCESS", 11, 13)))));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void theSchemaEveryCloudEventPointsToIsServedWithoutAToken() throws Exception {
        // given the dataschema of a TaskCreated v2 record, and a type that does not exist
        String type = io.aviary.events.EventCatalog.of(io.aviary.events.task.TaskCreated.class).cloudEventType();

        // when both are fetched without a token
        ResponseEntity<String> schema = http.getForEntity("/api/v1/event-schemas/" + type, String.class);
        ResponseEntity<String> unknown = http.getForEntity("/api/v1/event-schemas/io.aviary.task.Nothing.v1",
                String.class);

        // then the first is the catalog's JSON Schema, the second a 404 problem
        assertThat(schema.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(schema.getHeaders().getContentType()).hasToString("application/schema+json");
        try (var resource = io.aviary.events.EventCatalog.class.getResourceAsStream(
                io.aviary.events.EventCatalog.of(io.aviary.events.task.TaskCreated.class).schemaResource())) {
            assertThat(schema.getBody()).isEqualTo(new String(resource.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody()).contains("No event type io.aviary.task.Nothing.v1");
    }

    @Test
    void workersAreListedByNameWithoutDocumentsOfUnregisteredWorkers() {
        JsonNode page = getOk("/api/v1/workers");

        assertThat(names(page)).containsExactly("alpha", "bravo", "charlie");
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(50);
        assertThat(page.get("items").get(0).get("registeredAt").asText()).isEqualTo("2025-03-01T10:00:01Z");
    }

    @Test
    void workersAreFilteredByStateTaskTypeAndName() {
        assertThat(names(getOk("/api/v1/workers?state=AVAILABLE"))).containsExactly("alpha", "bravo");
        assertThat(names(getOk("/api/v1/workers?taskType=sleep"))).containsExactly("alpha", "bravo");
        assertThat(names(getOk("/api/v1/workers?state=AVAILABLE&taskType=noop"))).containsExactly("alpha");
        assertThat(names(getOk("/api/v1/workers?name=charlie"))).containsExactly("charlie");
        assertThat(names(getOk("/api/v1/workers?name=charlie&state=AVAILABLE"))).isEmpty();
        assertThat(names(getOk("/api/v1/workers?name=nobody"))).isEmpty();
    }

    @Test
    void workerPagesAreCutAfterSortingAndCappedAtFiveHundred() {
        JsonNode second = getOk("/api/v1/workers?size=2&page=1");
        JsonNode huge = getOk("/api/v1/workers?size=100000");
        JsonNode beyond = getOk("/api/v1/workers?size=2&page=7");

        assertThat(names(second)).containsExactly("charlie");
        assertThat(second.get("total").asLong()).isEqualTo(3);
        assertThat(second.get("size").asInt()).isEqualTo(2);
        assertThat(huge.get("size").asInt()).isEqualTo(500);
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(3);
    }

    @Test
    void workerDetailShowsTheLastOutcomeOfEachAcceptedTaskType() {
        JsonNode alpha = getOk("/api/v1/workers/" + ALPHA);

        JsonNode outcomes = alpha.get("lastOutcomes");
        assertThat(alpha.get("name").asText()).isEqualTo("alpha");
        assertThat(outcomes.properties()).extracting(Map.Entry::getKey)
                .containsExactly("noop", "http", "sleep");
        assertThat(outcomes.get("noop").get("taskId").asText()).isEqualTo(DONE);
        assertThat(outcomes.get("noop").get("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(outcomes.get("noop").get("at").asText()).isEqualTo("2025-03-01T10:00:40Z");
        assertThat(outcomes.get("http").get("outcome").asText()).isEqualTo("FAILURE");
        assertThat(outcomes.get("http").get("status").asText()).isEqualTo("DEAD_LETTERED");
        assertThat(outcomes.get("sleep").isNull()).isTrue();
    }

    @Test
    void unknownWorkerIsA404Problem() {
        assertProblem(get("/api/v1/workers/" + UUID.randomUUID()),
                HttpStatus.NOT_FOUND, "No worker with id");
        assertProblem(get("/api/v1/workers/" + UNREGISTERED),
                HttpStatus.NOT_FOUND, "No worker with id");
        assertProblem(get("/api/v1/workers/" + UUID.randomUUID() + "/queue"),
                HttpStatus.NOT_FOUND, "No worker with id");
    }

    @Test
    void workerQueueShowsCurrentOrHistory() {
        JsonNode current = getOk("/api/v1/workers/" + ALPHA + "/queue");
        JsonNode history = getOk("/api/v1/workers/" + ALPHA + "/queue?view=history");
        JsonNode empty = getOk("/api/v1/workers/" + BRAVO + "/queue?view=current");

        assertThat(current.get("view").asText()).isEqualTo("current");
        assertThat(field(current.get("items"), "taskId")).containsExactly(QUEUED);
        assertThat(field(current.get("items"), "status")).containsExactly("ASSIGNED");
        assertThat(field(history.get("items"), "taskId")).containsExactly(FAILED, DONE);
        assertThat(field(history.get("items"), "status")).containsExactly("TIMED_OUT", "SUCCESS");
        assertThat(history.get("items").get(0).get("finishedAt").asText()).isEqualTo("2025-03-01T10:00:50Z");
        assertThat(empty.get("items")).isEmpty();
    }

    @Test
    void badFilterValuesAre400Problems() {
        assertProblem(get("/api/v1/workers?state=SLEEPING"),
                HttpStatus.BAD_REQUEST, "AVAILABLE");
        assertProblem(get("/api/v1/tasks?status=DONE"),
                HttpStatus.BAD_REQUEST, "DEAD_LETTERED");
        assertProblem(get("/api/v1/workers/" + ALPHA + "/queue?view=all"),
                HttpStatus.BAD_REQUEST, null);
        assertProblem(get("/api/v1/tasks?page=-1"), HttpStatus.BAD_REQUEST, null);
        assertProblem(get("/api/v1/tasks?size=0"), HttpStatus.BAD_REQUEST, null);
    }

    @Test
    void tasksAreListedNewestFirstAndFilteredByStatusTypeAndWorker() {
        JsonNode all = getOk("/api/v1/tasks");

        assertThat(field(all.get("items"), "taskId")).containsExactly(FAILED, QUEUED, RUNNING, DONE, RENDER,
                TRANSCODE, SLEEP_IN_US, SLEEP_IN_EU, RENDER_RETRY_DUE, RENDER_RETRY_LATER);
        assertThat(all.get("items").get(0).has("timeline")).isFalse();
        assertThat(field(getOk("/api/v1/tasks?status=COMPLETED").get("items"), "taskId")).containsExactly(DONE);
        assertThat(field(getOk("/api/v1/tasks?type=noop").get("items"), "taskId")).containsExactly(QUEUED, DONE);
        assertThat(field(getOk("/api/v1/tasks?workerId=" + ALPHA).get("items"), "taskId"))
                .containsExactly(FAILED, DONE);
        assertThat(field(getOk("/api/v1/tasks?workerId=" + ALPHA + "&type=http&status=DEAD_LETTERED")
                .get("items"), "taskId")).containsExactly(FAILED);
        JsonNode page = getOk("/api/v1/tasks?size=3&page=3");
        assertThat(field(page.get("items"), "taskId")).containsExactly(RENDER_RETRY_LATER);
        assertThat(page.get("total").asLong()).isEqualTo(10);
    }

    @Test
    void aParameterOutsideItsBoundsIsNamedWithWhatIsWrong() throws Exception {
        // when a page of size 0 is asked for
        ResponseEntity<String> answer = get("/api/v1/areas?size=0&page=-1");

        // then the problem names both parameters and says why, not just "Validation failure"
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode problem = json.readTree(answer.getBody());
        assertThat(problem.get("detail").asText()).isEqualTo("Invalid request: page must be greater than or equal"
                + " to 0; size must be greater than or equal to 1");
        assertThat(problem.get("errors").get(1).get("field").asText()).isEqualTo("size");
    }

    @Test
    void taskDetailCarriesItsTimeline() {
        JsonNode done = getOk("/api/v1/tasks/" + DONE);

        assertThat(done.get("taskId").asText()).isEqualTo(DONE);
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(done.get("workerId").asText()).isEqualTo(ALPHA);
        assertThat(done.get("assignmentFee").asInt()).isEqualTo(15);
        assertThat(done.get("completionReward").asInt()).isEqualTo(25);
        assertThat(done.get("payload").get("millis").asInt()).isEqualTo(10);
        assertThat(field(done.get("timeline"), "event"))
                .containsExactly("TaskCreated", "TaskAssigned", "TaskStarted", "TaskCompleted");
        assertThat(field(done.get("timeline"), "status")).containsExactly("QUEUED", "ASSIGNED", "RUNNING", "COMPLETED");
        assertThat(done.get("timeline").get(3).get("detail").asText()).isEqualTo("SUCCESS: done");
        assertThat(done.get("timeline").get(0).get("workerId").isNull()).isTrue();
    }

    @Test
    void tasksWaitingForAWorkerSayWhyInListsAndDetail() {
        // given (readModels) no worker for render; transcode only on DRAINING charlie; sleep with zone=eu and room
        // on bravo, but with zone=us nowhere; noop only on alpha, which is full; a retry due, one not yet
        // when the tasks are listed in one page and read one by one
        JsonNode page = getOk("/api/v1/tasks?size=500");

        // then each waiting task without a place has its code, every other task none
        Map<String, String> codes = new LinkedHashMap<>();
        page.get("items").forEach(task -> codes.put(task.get("taskId").asText(),
                task.has("waitingReason") ? task.at("/waitingReason/code").asText() : "none"));
        assertThat(codes).containsExactlyInAnyOrderEntriesOf(Map.of(
                FAILED, "none", QUEUED, "ALL_WORKERS_FULL", RUNNING, "none", DONE, "none",
                RENDER, "NO_WORKER_FOR_TYPE", TRANSCODE, "NO_AVAILABLE_WORKER", SLEEP_IN_US, "NO_WORKER_WITH_LABELS",
                SLEEP_IN_EU, "none", RENDER_RETRY_DUE, "NO_WORKER_FOR_TYPE", RENDER_RETRY_LATER, "none"));
        assertThat(waitingMessage(RENDER)).isEqualTo("no registered worker accepts type render");
        assertThat(waitingMessage(TRANSCODE))
                .isEqualTo("no AVAILABLE worker accepts type transcode (1 registered: 1 DRAINING)");
        assertThat(waitingMessage(SLEEP_IN_US))
                .isEqualTo("no AVAILABLE worker for type sleep has the labels {zone=us}");
        assertThat(waitingMessage(QUEUED)).isEqualTo("the only eligible worker is full");
        assertThat(getOk("/api/v1/tasks/" + RENDER_RETRY_DUE).at("/waitingReason/code").asText())
                .isEqualTo("NO_WORKER_FOR_TYPE");
        for (String notWaitingOrPlaceable : List.of(SLEEP_IN_EU, RENDER_RETRY_LATER, RUNNING, DONE)) {
            assertThat(getOk("/api/v1/tasks/" + notWaitingOrPlaceable).has("waitingReason"))
                    .as(notWaitingOrPlaceable).isFalse();
        }
    }

    @Test
    void unknownTaskIsA404Problem() {
        assertProblem(get("/api/v1/tasks/" + UUID.randomUUID()),
                HttpStatus.NOT_FOUND, "No task with id");
    }

    @Test
    void openApiDescribesTheQueries() {
        JsonNode api = getOk("/v3/api-docs");

        assertThat(api.get("info").get("title").asText()).isEqualTo("Aviary Query API");
        assertThat(api.get("paths").has("/api/v1/workers/{workerId}/queue")).isTrue();
        assertThat(api.get("paths").has("/api/v1/tasks/{taskId}")).isTrue();
        assertThat(api.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        JsonNode listTasks = api.at("/paths/~1api~1v1~1tasks/get");
        assertThat(listTasks.get("x-aviary-roles")).extracting(JsonNode::asText)
                .containsExactly("ADMIN", "MANAGER", "WORKER");
        assertThat(listTasks.get("description").asText()).contains("Roles: ADMIN, MANAGER, WORKER.");
        assertThat(listTasks.at("/security/0").has("bearer")).isTrue();
        JsonNode schemas = api.at("/components/schemas");
        assertThat(schemas.at("/TaskDetail/properties/waitingReason/$ref").asText())
                .isEqualTo("#/components/schemas/WaitingReason");
        assertThat(schemas.at("/TaskSummary/properties/waitingReason/$ref").asText())
                .isEqualTo("#/components/schemas/WaitingReason");
        assertThat(schemas.at("/WaitingReason/properties/code/enum")).extracting(JsonNode::asText)
                .containsExactly("NO_WORKER_FOR_TYPE", "NO_AVAILABLE_WORKER", "NO_WORKER_WITH_LABELS",
                        "ALL_WORKERS_FULL");
        assertThat(schemas.at("/WaitingReason/description").asText()).contains("Absent when the task does not wait");
    }

    @Test
    void readinessIncludesMongo() {
        ResponseEntity<String> readiness = http.getForEntity("/actuator/health/readiness", String.class);

        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readiness.getBody()).contains("\"mongo\":{\"status\":\"UP\"");
    }

    private ResponseEntity<String> get(String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(MANAGER_TOKEN);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private JsonNode getOk(String path) {
        ResponseEntity<String> response = get(path);
        assertThat(response.getStatusCode()).as(path + ": " + response.getBody()).isEqualTo(HttpStatus.OK);
        return read(response.getBody());
    }

    private String waitingMessage(String taskId) {
        return getOk("/api/v1/tasks/" + taskId).at("/waitingReason/message").asText();
    }

    private void assertProblem(ResponseEntity<String> response, HttpStatus status, String detailContains) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = read(response.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(status.value());
        assertThat(problem.has("title")).isTrue();
        if (detailContains != null) {
            assertThat(problem.get("detail").asText()).contains(detailContains);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static List<String> names(JsonNode page) {
        return field(page.get("items"), "name");
    }

    private static List<String> field(JsonNode items, String name) {
        return StreamSupport.stream(items.spliterator(), false)
                .map(item -> item.get(name).asText()).toList();
    }
}
