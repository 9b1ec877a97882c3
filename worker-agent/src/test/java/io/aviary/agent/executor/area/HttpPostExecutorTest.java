package io.aviary.agent.executor.area;

import io.aviary.agent.AgentJson;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.support.TargetServer;
import io.aviary.events.task.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.aviary.agent.executor.area.AreaExecutors.context;
import static org.assertj.core.api.Assertions.assertThat;

class HttpPostExecutorTest {

    private static final Map<String, Object> ACTION_OUTPUT = Map.of("status", 200,
            "body", "He said \"ship it\"\nand left", "payload", Map.of("ref", "main"));

    private final TargetServer server = new TargetServer().answer("/hook", 201, "created")
            .answer("/broken", 502, "bad gateway");
    private final HttpPostExecutor post = AreaExecutors.post();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aTwoHundredIsASuccessAndTheJsonBodyIsRenderedWithEscaping() throws Exception {
        // given a JSON body template with placeholders inside strings and outside
        String body = "{\"text\": \"Change: {{output.body}}\", \"status\": {{output.status}}, \"ref\": \"{{payload.ref}}\","
                + " \"missing\": \"{{output.nope}}\"}";

        // when the reaction runs with the action's output
        ExecutionResult result = post.execute(context("http.post", Map.of("url", server.url("/hook"), "body", body,
                "output", ACTION_OUTPUT)));

        // then the service got valid JSON holding the values, and the attempt succeeded
        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(result.output()).containsEntry("status", 201).containsEntry("body", "created");
        TargetServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        Map<?, ?> received = AgentJson.newMapper().readValue(request.body(), Map.class);
        assertThat(received).isEqualTo(Map.of("text", "Change: He said \"ship it\"\nand left", "status", 200,
                "ref", "main", "missing", ""));
    }

    @Test
    void aStructuredBodyIsSentAsJsonWithTypedValues() throws Exception {
        ExecutionResult result = post.execute(context("http.post", Map.of("url", server.url("/hook"),
                "body", Map.of("status", "{{output.status}}", "tags", List.of("{{payload.ref}}", "fixed")),
                "output", ACTION_OUTPUT)));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        Map<?, ?> received = AgentJson.newMapper().readValue(server.requests().get(0).body(), Map.class);
        assertThat(received).isEqualTo(Map.of("status", 200, "tags", List.of("main", "fixed")));
    }

    @Test
    void aTextBodyAndHeaderValuesAreRenderedAsText() throws Exception {
        ExecutionResult result = post.execute(context("http.post", Map.of("url", server.url("/hook"),
                "body", "status {{output.status}} on {{payload.ref}}",
                "headers", Map.of("X-Ref", "{{payload.ref}}"), "output", ACTION_OUTPUT)));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        TargetServer.Request request = server.requests().get(0);
        assertThat(request.body()).isEqualTo("status 200 on main");
        assertThat(request.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(request.header("X-Ref")).isEqualTo("main");
    }

    @Test
    void aNonTwoHundredIsAFailureSoTheRetryPolicyApplies() throws Exception {
        ExecutionResult result = post.execute(context("http.post", Map.of("url", server.url("/broken"),
                "body", "{}", "output", ACTION_OUTPUT)));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(result.message()).contains("HTTP 502");
        assertThat(result.output()).containsEntry("status", 502).containsEntry("body", "bad gateway");
    }

    @Test
    void aHostOutsideTheAllowListIsRefusedWithoutACall() throws Exception {
        ExecutionResult result = post.execute(context("http.post", Map.of("url", server.urlViaLocalhost("/hook"),
                "body", "{}")));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(result.message()).contains("'localhost'", "allow-list");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aHeaderTheHttpClientMustSetItselfIsAFailureNotACrash() throws Exception {
        ExecutionResult result = post.execute(context("http.post", Map.of("url", server.url("/hook"),
                "body", "{}", "headers", Map.of("Content-Length", "5"))));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(server.requests()).isEmpty();
    }
}
