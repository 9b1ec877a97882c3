package io.aviary.cli.area;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.cli.ExitCodes;
import io.aviary.cli.support.CliRunner;
import io.aviary.cli.support.LoggedInStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests of {@code aviary areas ...}, per the AREA contract (AREA-BRIEF), against a scripted server: the AREA
 * endpoints were not on the platform when these commands were written.
 */
class AreasCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AREA_ID = "6f1c2a9e-0000-4000-8000-000000000001";

    @TempDir
    Path dir;
    private LoggedInStub stub;

    @BeforeEach
    void start() {
        stub = new LoggedInStub(dir);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void optionsBecomeTheContractsBody() throws Exception {
        // given the command side accepts the AREA
        stub.api.on("POST", "/api/v1/areas", 202, "{\"areaId\":\"" + AREA_ID + "\"}");

        // when an AREA is created from options, with two reactions
        CliRunner.Result result = stub.cli.run("areas", "create", "--name", "site-watch",
                "--action", "http.poll", "--param", "url=https://example.org/status", "--param", "timeoutMs:=5000",
                "--connection", "example-api", "--every", "5m", "--misfire", "SKIP",
                "--reaction", "log", "--reaction-param", "message=changed: {{output.status}}",
                "--reaction", "http.post", "--reaction-param", "url=https://hooks.example.org/x",
                "--when", "output.status >= 500", "--reaction-connection", "hooks",
                "--max-attempts", "5");

        // then the id is printed and the body follows the contract
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).isEqualTo(AREA_ID + "\n");
        JsonNode body = JSON.readTree(stub.api.requests("POST", "/api/v1/areas").get(0).body());
        assertThat(body).isEqualTo(JSON.readTree("""
                {"name":"site-watch",
                 "action":{"service":"http","type":"http.poll",
                           "params":{"url":"https://example.org/status","timeoutMs":5000},
                           "connection":"example-api"},
                 "trigger":{"kind":"INTERVAL","intervalMs":300000,"misfire":"SKIP"},
                 "reactions":[{"type":"log","params":{"message":"changed: {{output.status}}"}},
                              {"type":"http.post","params":{"url":"https://hooks.example.org/x"},
                               "condition":"output.status >= 500","connection":"hooks"}],
                 "retryPolicy":{"maxAttempts":5,"initialBackoffMs":500,"multiplier":2.0,"maxBackoffMs":60000}}
                """));
        assertThat(stub.api.requests("POST", "/api/v1/areas").get(0).authorization())
                .isEqualTo("Bearer " + stub.token);
    }

    @Test
    void aCronTriggerCarriesItsZone() throws Exception {
        stub.api.on("POST", "/api/v1/areas", 202, "{\"areaId\":\"" + AREA_ID + "\"}");

        CliRunner.Result result = stub.cli.run("areas", "create", "--name", "morning", "--action", "timer.tick",
                "--cron", "0 0 9 * * MON-FRI", "--zone", "Europe/Paris");

        assertThat(result.exitCode()).as("%s", result).isZero();
        JsonNode body = JSON.readTree(stub.api.requests("POST", "/api/v1/areas").get(0).body());
        assertThat(body.path("trigger")).isEqualTo(JSON.readTree(
                "{\"kind\":\"CRON\",\"cron\":\"0 0 9 * * MON-FRI\",\"zone\":\"Europe/Paris\"}"));
        assertThat(body.path("action").path("service").asText()).isEqualTo("timer");
        assertThat(body.path("reactions")).isEmpty();
    }

    @Test
    void aYamlFileIsSentAsJsonAndAWebhookSecretIsShownOnce() throws Exception {
        // given a YAML definition with a webhook trigger
        Path file = dir.resolve("area.yaml");
        Files.writeString(file, """
                name: deploys
                action:
                  service: github
                  type: webhook.received
                  params: {}
                trigger:
                  kind: WEBHOOK
                reactions:
                  - type: task.create
                    params:
                      type: noop
                      payload: {ref: "{{output.ref}}"}
                    condition: output.ref == 'refs/heads/main'
                retryPolicy: {maxAttempts: 3, initialBackoffMs: 500, multiplier: 2.0, maxBackoffMs: 60000}
                """);
        stub.api.on("POST", "/api/v1/areas", 202, "{\"areaId\":\"" + AREA_ID + "\",\"webhook\":{"
                + "\"url\":\"http://localhost:8080/webhooks/github/h1\",\"secret\":\"s3cret\"}}");

        // when it is created from the file, renamed
        CliRunner.Result result = stub.cli.run("areas", "create", "-f", file.toString(), "--name", "main-deploys");

        // then the server gets the same definition as JSON, and the user sees the URL and the secret
        assertThat(result.exitCode()).as("%s", result).isZero();
        StubRequest sent = new StubRequest(stub.api.requests("POST", "/api/v1/areas").get(0));
        assertThat(sent.contentType).isEqualTo("application/json");
        assertThat(sent.body.path("name").asText()).isEqualTo("main-deploys");
        assertThat(sent.body.path("trigger").path("kind").asText()).isEqualTo("WEBHOOK");
        assertThat(sent.body.path("reactions").get(0).path("params").path("payload").path("ref").asText())
                .isEqualTo("{{output.ref}}");
        assertThat(sent.body.path("reactions").get(0).path("condition").asText())
                .isEqualTo("output.ref == 'refs/heads/main'");
        assertThat(result.out()).contains(AREA_ID, "http://localhost:8080/webhooks/github/h1", "s3cret");
        assertThat(result.err()).contains("shown only now");
    }

    @Test
    void aJsonFileFromStdinIsSentAsIs() throws Exception {
        String definition = "{\"name\":\"n\",\"action\":{\"service\":\"timer\",\"type\":\"timer.tick\",\"params\":{}},"
                + "\"trigger\":{\"kind\":\"INTERVAL\",\"intervalMs\":60000},\"reactions\":[]}";
        stub.api.on("POST", "/api/v1/areas", 202, "{\"areaId\":\"" + AREA_ID + "\"}");

        CliRunner.Result result = stub.cli.runWithStdin(definition, "areas", "create", "--file", "-",
                "--output", "json");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(JSON.readTree(stub.api.requests().get(0).body())).isEqualTo(JSON.readTree(definition));
        assertThat(JSON.readTree(result.out()).path("areaId").asText()).isEqualTo(AREA_ID);
    }

    @Test
    void incompleteOrMixedDefinitionsAreUsageErrorsAndSendNothing() throws Exception {
        Path file = dir.resolve("a.json");
        Files.writeString(file, "{\"name\":\"x\"}");

        assertThat(stub.cli.run("areas", "create", "--name", "x", "--action", "timer.tick").exitCode())
                .as("no trigger").isEqualTo(ExitCodes.USAGE);
        assertThat(stub.cli.run("areas", "create", "--name", "x", "--action", "timer.tick", "--cron", "* * * * * *",
                "--every", "5s").exitCode()).as("two triggers").isEqualTo(ExitCodes.USAGE);
        assertThat(stub.cli.run("areas", "create", "-f", file.toString(), "--every", "5s").exitCode())
                .as("file and options").isEqualTo(ExitCodes.USAGE);
        assertThat(stub.cli.run("areas", "create", "--name", "x", "--action", "timer.tick", "--every", "soon")
                .exitCode()).as("bad interval").isEqualTo(ExitCodes.USAGE);
        assertThat(stub.cli.run("areas", "create", "--name", "x", "--action", "timer.tick", "--every", "5s",
                "--misfire", "LATER").exitCode()).as("bad misfire").isEqualTo(ExitCodes.USAGE);
        Files.writeString(file, "name: [unclosed");
        assertThat(stub.cli.run("areas", "create", "-f", file.toString()).exitCode()).as("bad YAML")
                .isEqualTo(ExitCodes.USAGE);
        assertThat(stub.api.requests()).isEmpty();
    }

    @Test
    void aValidationProblemFromTheServerIsOneLineAndExit6() {
        stub.api.on("POST", "/api/v1/areas", 400, "{\"title\":\"Invalid request\",\"status\":400,"
                + "\"detail\":\"trigger.cron: not a valid cron expression\"}");

        CliRunner.Result result = stub.cli.run("areas", "create", "--name", "x", "--action", "timer.tick",
                "--cron", "every day");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(result.err()).isEqualTo("Invalid request: trigger.cron: not a valid cron expression\n");
    }

    @Test
    void pauseAndResumePostToTheAreasPaths() {
        stub.api.on("POST", "/api/v1/areas/" + AREA_ID + "/pause", 202, "{\"areaId\":\"" + AREA_ID + "\"}");
        stub.api.on("POST", "/api/v1/areas/" + AREA_ID + "/resume", 202, "{\"areaId\":\"" + AREA_ID + "\"}");

        assertThat(stub.cli.run("areas", "pause", AREA_ID).out()).isEqualTo("Paused AREA " + AREA_ID + "\n");
        assertThat(stub.cli.run("areas", "resume", AREA_ID).out()).isEqualTo("Resumed AREA " + AREA_ID + "\n");
        assertThat(stub.api.requests()).extracting(StubRequestPath::of)
                .containsExactly("POST /api/v1/areas/" + AREA_ID + "/pause",
                        "POST /api/v1/areas/" + AREA_ID + "/resume");
    }

    @Test
    void listShowAndExecutionsAreTablesOfTheReadModels() {
        // given the query side's answers (shapes of AreaSummary, AreaDetail and Execution)
        stub.api.on("GET", "/api/v1/areas?state=ACTIVE&page=0&size=50", 200, """
                {"items":[{"areaId":"a-1","name":"site-watch","owner":"admin","version":2,"state":"ACTIVE",
                           "actionType":"http.poll","triggerKind":"INTERVAL","lastFireAt":"2026-01-30T12:00:00Z",
                           "nextFireAt":"2026-01-30T12:05:00Z","executions":12,
                           "lastExecution":{"executionId":"e-1","status":"SUCCEEDED"}},
                          {"areaId":"a-2","name":"deploys","owner":"admin","version":1,"state":"ACTIVE",
                           "actionType":"webhook.received","triggerKind":"WEBHOOK","lastFireAt":null,
                           "nextFireAt":null,"executions":0,"lastExecution":null}],
                 "page":0,"size":50,"total":2}""");
        stub.api.on("GET", "/api/v1/areas/a-1", 200, """
                {"areaId":"a-1","name":"site-watch","owner":"admin","version":2,"state":"ACTIVE",
                 "action":{"service":"http","type":"http.poll","params":{"url":"https://example.org"},
                           "connection":null},
                 "trigger":{"kind":"INTERVAL","cron":null,"zone":null,"intervalMs":300000,"misfire":"SKIP"},
                 "reactions":[{"index":0,"type":"log","params":{"message":"changed"},"condition":"true",
                               "connection":null}],
                 "retryPolicy":{"maxAttempts":3,"initialBackoffMs":500,"multiplier":2.0,"maxBackoffMs":60000},
                 "webhook":null,"lastFireAt":"2026-01-30T12:00:00Z","nextFireAt":"2026-01-30T12:05:00Z",
                 "executions":12,"deliveries":0,
                 "lastExecution":{"executionId":"e-1","status":"SUCCEEDED","firedAt":"2026-01-30T12:00:00Z"}}""");
        stub.api.on("GET", "/api/v1/areas/a-1/executions?page=0&size=50", 200, """
                {"items":[{"executionId":"e-2","number":1,"version":2,"source":"INTERVAL",
                           "firedAt":"2026-01-30T12:05:00Z","action":null,"reactions":[],"reactionsDefined":3,
                           "status":"RUNNING","completedAt":null,"durationMs":null},
                          {"executionId":"e-1","number":0,"version":2,"source":"INTERVAL",
                           "firedAt":"2026-01-30T12:00:00Z","status":"PARTIALLY_FAILED","durationMs":1500,
                           "action":{"taskId":"t","outcome":"SUCCESS","attempts":1,"triggered":true},
                           "reactionsDefined":3,
                           "reactions":[{"index":0,"conditionHeld":true,"status":"SUCCEEDED","outcome":"SUCCESS"},
                                        {"index":1,"conditionHeld":true,"status":"FAILED","outcome":"FAILURE"},
                                        {"index":2,"conditionHeld":false,"status":"SKIPPED"}]}],
                 "page":0,"size":50,"total":2}""");

        // when they are listed, shown, and the executions listed
        CliRunner.Result list = stub.cli.run("areas", "list", "--state", "ACTIVE");
        CliRunner.Result show = stub.cli.run("areas", "show", "a-1");
        CliRunner.Result executions = stub.cli.run("areas", "executions", "a-1");

        // then each is an aligned table
        assertThat(list.out().lines()).containsExactly(
                "ID   NAME        STATE   ACTION            TRIGGER   VERSION  EXECUTIONS  LAST STATUS  NEXT FIRE",
                "a-1  site-watch  ACTIVE  http.poll         interval        2          12  SUCCEEDED    "
                        + "2026-01-30 12:05:00Z",
                "a-2  deploys     ACTIVE  webhook.received  webhook         1           0  -            -",
                "2 AREAs");
        assertThat(show.out()).contains("Action          http / http.poll {\"url\":\"https://example.org\"}\n")
                .contains("Trigger         every 5 m 00 s\n")
                .contains("Retry           3 attempts, 500 ms x2.0 up to 1 m 00 s\n")
                .contains("Last execution  SUCCEEDED at 2026-01-30 12:00:00Z\n")
                .contains("#  TYPE  WHEN  PARAMS                 CONNECTION\n"
                        + "0  log   true  {\"message\":\"changed\"}  -\n");
        assertThat(executions.out().lines()).containsExactly(
                "#  EXECUTION  VERSION  SOURCE    FIRED                 STATUS            ACTION   REACTIONS"
                        + "          DURATION",
                "1  e-2              2  INTERVAL  2026-01-30 12:05:00Z  RUNNING           -        0/0 ok, 3 pending"
                        + "         -",
                "0  e-1              2  INTERVAL  2026-01-30 12:00:00Z  PARTIALLY_FAILED  SUCCESS  1/2 ok, 1 skipped"
                        + "     1.5 s",
                "2 executions");
    }

    /** The parts of a recorded request the assertions read. */
    private static final class StubRequest {
        final String contentType;
        final JsonNode body;

        StubRequest(io.aviary.cli.support.StubApi.Request request) throws Exception {
            contentType = request.contentType();
            body = JSON.readTree(request.body());
        }
    }

    private static final class StubRequestPath {
        static String of(io.aviary.cli.support.StubApi.Request request) {
            return request.method() + " " + request.path();
        }
    }
}
