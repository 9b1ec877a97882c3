package io.aviary.agent.executor.area;

import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.support.TargetServer;
import io.aviary.events.task.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static io.aviary.agent.executor.area.AreaExecutors.context;
import static org.assertj.core.api.Assertions.assertThat;

class HttpPollExecutorTest {

    private final TargetServer server = new TargetServer().answer("/feed", 200, "version 1");
    private final HttpPollExecutor poll = AreaExecutors.poll();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theFirstPollWithoutALastSeenHashCountsAsChanged() throws Exception {
        ExecutionResult result = poll.execute(context("http.poll", Map.of("url", server.url("/feed"))));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(result.output()).containsEntry("status", 200).containsEntry("body", "version 1")
                .containsEntry("bodyHash", sha256("version 1")).containsEntry("changed", true)
                .containsEntry("triggered", true);
        assertThat(server.requests()).singleElement().satisfies(request -> assertThat(request.method()).isEqualTo("GET"));
    }

    @Test
    void anUnchangedBodyIsNotTriggered() throws Exception {
        // given the hash of the last poll
        String lastSeen = sha256("version 1");

        // when the body is the same
        ExecutionResult result = poll.execute(context("http.poll",
                Map.of("url", server.url("/feed"), "lastSeenHash", lastSeen)));

        // then nothing changed and nothing is triggered
        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(result.output()).containsEntry("bodyHash", lastSeen).containsEntry("changed", false)
                .containsEntry("triggered", false);
    }

    @Test
    void aChangedBodyIsTriggeredWithItsNewHash() throws Exception {
        // given the last poll saw version 1, and the service now answers version 2
        server.answer("/feed", 200, "version 2");

        // when polled with the old hash
        ExecutionResult result = poll.execute(context("http.poll",
                Map.of("url", server.url("/feed"), "method", "get", "lastSeenHash", sha256("version 1"),
                        "condition", "output.status == 200")));

        // then it changed, and the output carries the new hash for the next poll
        assertThat(result.output()).containsEntry("changed", true).containsEntry("triggered", true)
                .containsEntry("bodyHash", sha256("version 2")).containsEntry("body", "version 2");
    }

    @Test
    void aClientErrorIsAnAnswerTheConditionCanCheckButAServerErrorIsAFailure() throws Exception {
        server.answer("/gone", 404, "gone").answer("/down", 503, "down");

        ExecutionResult notFound = poll.execute(context("http.poll", Map.of("url", server.url("/gone"))));
        ExecutionResult down = poll.execute(context("http.poll", Map.of("url", server.url("/down"))));

        assertThat(notFound.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(notFound.output()).containsEntry("status", 404).containsEntry("triggered", true);
        assertThat(down.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(down.message()).contains("HTTP 503");
    }

    @Test
    void aLongBodyIsTruncatedButHashedWhole() throws Exception {
        // given a body of 100 KB whose tail differs from another one's
        String head = "a".repeat(HttpPollExecutor.MAX_BODY_BYTES);
        server.answer("/big", 200, head + "b".repeat(36 * 1024));

        // when polled
        ExecutionResult result = poll.execute(context("http.poll", Map.of("url", server.url("/big"))));

        // then the output has the first 64 KB, and the hash is of all of it
        assertThat((String) result.output().get("body")).isEqualTo(head);
        assertThat(result.output()).containsEntry("bodyHash", sha256(head + "b".repeat(36 * 1024)));
    }

    @Test
    void aHostOutsideTheAllowListIsRefusedWithoutACall() throws Exception {
        // given the agent allows 127.0.0.1 only, and the same server is asked for under the name localhost
        ExecutionResult result = poll.execute(context("http.poll",
                Map.of("url", server.urlViaLocalhost("/feed"))));

        // then the attempt fails, saying why, and the server saw nothing
        assertThat(result.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(result.message()).contains("'localhost'", "allow-list", "AVIARY_AGENT_HTTP_ALLOWED_HOSTS");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anUnsupportedMethodIsRefused() throws Exception {
        ExecutionResult result = poll.execute(context("http.poll", Map.of("url", server.url("/feed"),
                "method", "DELETE")));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(server.requests()).isEmpty();
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
