package io.aviary.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.cli.ExitCodes;
import io.aviary.cli.support.CliRunner;
import io.aviary.cli.support.LoggedInStub;
import io.aviary.cli.support.StubApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TasksCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private LoggedInStub stub;

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void submitSendsTheOptionsAndPrintsTheId() throws Exception {
        stub = new LoggedInStub(dir);
        stub.api.on("POST", "/api/v1/tasks", 202, "{\"taskId\":\"t-1\"}");

        CliRunner.Result result = stub.cli.run("tasks", "submit", "--type", "sleep", "--payload", "{\"millis\":500}",
                "-p", "note=hello", "-p", "tags:=[\"a\"]", "--priority", "3", "--label", "gpu=yes",
                "--max-attempts", "2", "--timeout-ms", "1000", "--idempotency-key", "k-1");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).isEqualTo("t-1\n");
        assertThat(JSON.readTree(stub.api.requests().get(0).body())).isEqualTo(JSON.readTree("""
                {"type":"sleep","payload":{"millis":500,"note":"hello","tags":["a"]},"priority":3,
                 "requiredLabels":{"gpu":"yes"},"maxAttempts":2,"timeoutMs":1000,"idempotencyKey":"k-1"}"""));
    }

    @Test
    void aBadPayloadIsAUsageError() {
        stub = new LoggedInStub(dir);

        assertThat(stub.cli.run("tasks", "submit", "-t", "noop", "--payload", "[1]").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(stub.cli.run("tasks", "submit", "-t", "noop", "-p", "novalue").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(stub.api.requests()).isEmpty();
    }

    @Test
    void submitSaysWhenNoWorkerCanTakeTheTask() {
        // given a command side that takes the task but has no worker for its type
        stub = new LoggedInStub(dir);
        stub.api.on("POST", "/api/v1/tasks", 202, "{\"taskId\":\"t-9\",\"warnings\":[\"no AVAILABLE worker accepts"
                + " type nosuchtype; the task waits until one registers\"]}");

        // when it is submitted
        CliRunner.Result result = stub.cli.run("tasks", "submit", "-t", "nosuchtype");

        // then the id is on stdout and the warning on stderr; the submission itself succeeded
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().strip()).isEqualTo("t-9");
        assertThat(result.err()).contains("warning: no AVAILABLE worker accepts type nosuchtype");
    }

    @Test
    void bulkFromAJsonLinesFileSubmitsEveryLineAndReportsProgress() throws Exception {
        // given a file of three tasks (and a blank line)
        stub = new LoggedInStub(dir);
        stub.api.on("POST", "/api/v1/tasks:batch", 200, results(202, 202, 202));
        Path file = dir.resolve("tasks.jsonl");
        Files.writeString(file, """
                {"type":"noop"}
                {"type":"sleep","payload":{"millis":10}}

                {"type":"noop","priority":5}
                """);

        // when they are submitted in bulk
        CliRunner.Result result = stub.cli.run("tasks", "bulk", "--file", file.toString(), "--concurrency", "2");

        // then the lines went as one batch, in order; stderr shows the final progress line, stdout the summary
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(stub.api.requests("POST", "/api/v1/tasks:batch")).singleElement()
                .satisfies(r -> assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("{\"tasks\":["
                        + "{\"type\":\"noop\"},{\"type\":\"sleep\",\"payload\":{\"millis\":10}},"
                        + "{\"type\":\"noop\",\"priority\":5}]}")));
        assertThat(result.err()).contains("submitting: 3/3 (100%)").contains("ETA 0:00");
        assertThat(result.out()).startsWith("Submitted 3 of 3 tasks in ");
    }

    @Test
    void bulkOnATerminalDrawsABar() {
        stub = new LoggedInStub(dir, true);
        stub.api.on("POST", "/api/v1/tasks:batch", 200, results(202, 202, 202, 202, 202));

        CliRunner.Result result = stub.cli.run("tasks", "bulk", "--count", "5");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("\rsubmitting [########################]  5/5  100%").endsWith("\n");
    }

    @Test
    void bulkWithAnInvalidLineSubmitsNothing() throws Exception {
        stub = new LoggedInStub(dir);
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"type\":\"noop\"}\n{\"payload\":{}}\n");

        CliRunner.Result result = stub.cli.run("tasks", "bulk", "-f", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("line 2").contains("type");
        assertThat(stub.cli.run("tasks", "bulk", "-f", file.toString(), "--type", "sleep").exitCode())
                .as("a file and --type").isEqualTo(ExitCodes.USAGE);
        assertThat(stub.cli.run("tasks", "bulk", "-f", file.toString(), "-n", "3").exitCode())
                .as("a file and --count").isEqualTo(ExitCodes.USAGE);
        assertThat(stub.api.requests()).isEmpty();
    }

    @Test
    void bulkStopsAtAFailureThatWouldRepeatAndExitsWithItsCode() throws Exception {
        // given a server that forbids task submission
        stub = new LoggedInStub(dir);
        stub.api.on("POST", "/api/v1/tasks:batch", 403, "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"no\"}");

        // when 200 tasks are submitted 50 per request, one request at a time
        CliRunner.Result result = stub.cli.run("tasks", "bulk", "-n", "200", "--concurrency", "1",
                "--batch-size", "50", "--output", "json");

        // then it stops after the first request, whose tasks failed, and says so
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(stub.api.requests()).hasSize(1);
        JsonNode summary = JSON.readTree(result.out());
        assertThat(summary.path("submitted").asInt()).isZero();
        assertThat(summary.path("failed").asInt()).isEqualTo(50);
        assertThat(summary.path("skipped").asInt()).isEqualTo(150);
        assertThat(result.err()).contains("task 1 of 200: Forbidden: no");
    }

    @Test
    void bulkReportsTheTasksTheServerRefusedAndSubmitsTheRest() throws Exception {
        // given a server that refuses the second of three tasks
        stub = new LoggedInStub(dir);
        stub.api.on("POST", "/api/v1/tasks:batch", 200, """
                {"accepted":2,"refused":1,"results":[{"index":0,"status":202,"taskId":"t-0"},
                 {"index":1,"status":400,"title":"Invalid request","detail":"Invalid request: type must not be blank"},
                 {"index":2,"status":202,"taskId":"t-2"}]}""");

        // when three tasks are submitted
        CliRunner.Result result = stub.cli.run("tasks", "bulk", "-n", "3", "--output", "json");

        // then two are submitted, the refused one is named with its reason, and the exit code says "rejected"
        assertThat(result.exitCode()).isEqualTo(ExitCodes.REJECTED);
        JsonNode summary = JSON.readTree(result.out());
        assertThat(summary.path("submitted").asInt()).isEqualTo(2);
        assertThat(summary.path("failed").asInt()).isEqualTo(1);
        assertThat(summary.path("taskIds").get(0).asText()).isEqualTo("t-0");
        assertThat(summary.path("taskIds").get(1).isNull()).isTrue();
        assertThat(result.err()).contains("task 2 of 3: Invalid request: type must not be blank")
                .doesNotContain("Invalid request: Invalid request");
    }

    @Test
    void bulkRefusesABatchSizeTheServerWouldNotTake() {
        stub = new LoggedInStub(dir);

        assertThat(stub.cli.run("tasks", "bulk", "-n", "3", "--batch-size", "1001").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(stub.api.requests()).isEmpty();
    }

    /** A tasks:batch answer with one result per status, ids t-0, t-1, ... for the taken ones. */
    private static String results(int... statuses) {
        StringBuilder json = new StringBuilder("{\"results\":[");
        for (int i = 0; i < statuses.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"status\":").append(statuses[i])
                    .append(statuses[i] == 202 ? ",\"taskId\":\"t-" + i + "\"" : "").append('}');
        }
        return json.append("]}").toString();
    }

    @Test
    void showPrintsTheTaskAndItsTimeline() {
        stub = new LoggedInStub(dir);
        stub.api.on("GET", "/api/v1/tasks/t-1", 200, """
                {"taskId":"t-1","type":"noop","status":"COMPLETED","attempt":1,"outcome":"SUCCESS",
                 "workerId":"w-1","priority":0,"payload":{},"maxAttempts":3,"failures":0,"assignmentFee":12,
                 "completionReward":30,"createdAt":"2026-01-30T12:00:00Z","updatedAt":"2026-01-30T12:00:01Z",
                 "timeline":[{"event":"TaskCreated","status":"QUEUED","attempt":null,"workerId":null,
                              "at":"2026-01-30T12:00:00Z"},
                             {"event":"TaskCompleted","status":"COMPLETED","attempt":1,"workerId":"w-1",
                              "at":"2026-01-30T12:00:01Z","detail":"SUCCESS"}]}""");

        CliRunner.Result result = stub.cli.run("tasks", "show", "t-1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Status        COMPLETED (SUCCESS)\n")
                .contains("Fee / reward  12 / 30\n")
                .contains("""
                        Timeline
                        AT                    EVENT          STATUS     ATTEMPT  WORKER  DETAIL
                        2026-01-30 12:00:00Z  TaskCreated    QUEUED           -  -       -
                        2026-01-30 12:00:01Z  TaskCompleted  COMPLETED        1  w-1     SUCCESS
                        """);
    }

    @Test
    void showSaysWhyAWaitingTaskHasNoWorker() {
        // given a queued task the query side explains, and a completed one without a reason
        stub = new LoggedInStub(dir);
        stub.api.on("GET", "/api/v1/tasks/t-1", 200, """
                {"taskId":"t-1","type":"render","status":"QUEUED","attempt":0,"outcome":null,"workerId":null,
                 "priority":0,"payload":{},"maxAttempts":3,"failures":0,"assignmentFee":12,"completionReward":30,
                 "createdAt":"2026-01-30T12:00:00Z","updatedAt":"2026-01-30T12:00:00Z","timeline":[],
                 "waitingReason":{"code":"NO_AVAILABLE_WORKER",
                                  "message":"no AVAILABLE worker accepts type render (1 registered: 1 DOWN)"}}""");
        stub.api.on("GET", "/api/v1/tasks/t-2", 200, """
                {"taskId":"t-2","type":"noop","status":"COMPLETED","attempt":1,"outcome":"SUCCESS","timeline":[]}""");

        // when both are shown
        CliRunner.Result waiting = stub.cli.run("tasks", "show", "t-1");
        CliRunner.Result done = stub.cli.run("tasks", "show", "t-2");

        // then the waiting one says why, right under its status; the other has no such line
        assertThat(waiting.exitCode()).as("%s", waiting).isZero();
        assertThat(waiting.out()).contains("""
                Status        QUEUED
                Waiting       no AVAILABLE worker accepts type render (1 registered: 1 DOWN)
                Attempt       0 (failures 0 of 3 allowed)
                """);
        assertThat(done.exitCode()).as("%s", done).isZero();
        assertThat(done.out()).contains("Status        COMPLETED (SUCCESS)\n").doesNotContain("Waiting");
    }

    @Test
    void aTaskThatIsNotProjectedYetIsExit5() {
        stub = new LoggedInStub(dir);
        stub.api.on("GET", "/api/v1/tasks/nope", 404,
                "{\"title\":\"Not found\",\"status\":404,\"detail\":\"No task with id nope\"}");

        CliRunner.Result result = stub.cli.run("tasks", "show", "nope");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(result.err()).isEqualTo("Not found: No task with id nope\n");
    }

    @Test
    void cancelAndShuffle() {
        stub = new LoggedInStub(dir);
        StubApi api = stub.api;
        api.on("POST", "/api/v1/tasks/t-1/cancel", 202, "{\"taskId\":\"t-1\"}");
        api.on("POST", "/api/v1/tasks/shuffle", 202, "{\"reassigned\":2,\"assigned\":1,\"skippedRunning\":3,"
                + "\"withoutEligibleWorker\":0,\"rejected\":0,\"message\":\"shuffled 3 open tasks\"}");

        assertThat(stub.cli.run("tasks", "cancel", "t-1", "--reason", "obsolete").out())
                .isEqualTo("Cancelled task t-1\n");
        assertThat(api.requests("POST", "/api/v1/tasks/t-1/cancel").get(0).body())
                .isEqualTo("{\"reason\":\"obsolete\"}");
        assertThat(stub.cli.run("tasks", "shuffle").out()).startsWith("shuffled 3 open tasks\nReassigned ")
                .contains("Running (stayed)             3");
    }
}
