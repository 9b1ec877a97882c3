package io.aviary.agent.connection;

import io.aviary.agent.AgentJson;
import io.aviary.agent.command.CommandSession;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.area.HttpPollExecutor;
import io.aviary.agent.executor.area.HttpPostExecutor;
import io.aviary.agent.executor.http.HttpAllowList;
import io.aviary.agent.support.CapturedLog;
import io.aviary.agent.support.FakeCommandApi;
import io.aviary.agent.support.SignedInClient;
import io.aviary.agent.support.TargetServer;
import io.aviary.events.task.Outcome;
import io.aviary.events.worker.WorkerIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Connections resolved through the (fake) command API with the agent's token, and never written to the log. */
class ConnectionLookupTest {

    private static final String SECRET = "s3cr3t-token-that-must-never-be-logged";
    private static final String PASSWORD = "pa55word-that-must-never-be-logged";

    private final FakeCommandApi api = new FakeCommandApi();
    private final TargetServer service = new TargetServer().answer("/hook", 200, "ok").answer("/feed", 200, "v1");
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    private final CommandSession session = new CommandSession();
    private final ConnectionSecrets connections = new ConnectionSecrets(session, AgentJson.newMapper(),
            new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now.get();
                }
            });
    private final HttpAllowList allowList = new HttpAllowList(List.of("127.0.0.1"));
    private final HttpPostExecutor post = new HttpPostExecutor(allowList, connections, AgentJson.newMapper());
    private final HttpPollExecutor poll = new HttpPollExecutor(allowList, connections);

    @BeforeEach
    void signIn() {
        api.addBearerConnection("crm", SECRET);
        api.addBasicConnection("legacy", "robot", PASSWORD);
        session.signedIn(SignedInClient.enrol(api, "conn-agent"));
    }

    @AfterEach
    void stop() {
        api.close();
        service.close();
    }

    @Test
    void aBearerConnectionIsFetchedWithTheAgentsTokenAndSentToTheServiceButNeverLogged() throws Exception {
        try (CapturedLog log = CapturedLog.everything()) {
            // when a reaction posts with connection "crm"
            ExecutionResult result = post.execute(context("http.post", Map.of("url", service.url("/hook"),
                    "body", "{\"a\": 1}", "connection", "crm")));

            // then the agent asked the command side with its own access token
            assertThat(api.secretRequests()).singleElement().satisfies(request -> {
                assertThat(request.name()).isEqualTo("crm");
                assertThat(request.workerId()).isEqualTo(WorkerIds.forName("conn-agent"));
                assertThat(api.issued(request.token())).isPresent();
            });
            // and the service received the credential
            assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(service.requests()).singleElement().satisfies(request ->
                    assertThat(request.header("Authorization")).isEqualTo("Bearer " + SECRET));
            // and the secret is nowhere in the log (captured down to TRACE for the agent's code), nor in the result
            assertThat(log.text()).contains("crm").doesNotContain(SECRET);
            assertThat(result.toString()).doesNotContain(SECRET);
        }
    }

    @Test
    void aBasicConnectionBecomesABasicAuthorizationHeader() throws Exception {
        try (CapturedLog log = CapturedLog.everything()) {
            ExecutionResult result = poll.execute(context("http.poll", Map.of("url", service.url("/feed"),
                    "connection", "legacy")));

            assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    ("robot:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            assertThat(service.requests().get(0).header("Authorization")).isEqualTo(expected);
            assertThat(log.text()).doesNotContain(PASSWORD).doesNotContain(expected.substring("Basic ".length()));
        }
    }

    @Test
    void anAnswerIsCachedBrieflyThenFetchedAgain() throws Exception {
        // given a first look-up
        post.execute(context("http.post", Map.of("url", service.url("/hook"), "body", "x", "connection", "crm")));

        // when the connection is used again within the cache time, and again after it
        post.execute(context("http.post", Map.of("url", service.url("/hook"), "body", "x", "connection", "crm")));
        now.set(now.get().plus(ConnectionSecrets.CACHE_TTL).plus(Duration.ofSeconds(1)));
        post.execute(context("http.post", Map.of("url", service.url("/hook"), "body", "x", "connection", "crm")));

        // then the command side was asked twice for three uses
        assertThat(api.secretRequests()).hasSize(2);
        assertThat(service.requests()).hasSize(3);
    }

    @Test
    void anUnknownConnectionFailsTheAttemptWithoutCallingTheService() throws Exception {
        ExecutionResult result = post.execute(context("http.post", Map.of("url", service.url("/hook"), "body", "x",
                "connection", "nope")));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(result.message()).contains("connection 'nope' does not exist");
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void aRevokedAgentTokenIsRenewedForTheLookUp() throws Exception {
        // given the command side stopped accepting the agent's current token
        api.revokeIssuedTokens();

        // when a connection is looked up
        ExecutionResult result = post.execute(context("http.post", Map.of("url", service.url("/hook"), "body", "x",
                "connection", "crm")));

        // then the token was renewed and the look-up went through
        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(api.unauthorizedCalls()).isEqualTo(1);
        assertThat(api.secretRequests()).hasSize(1);
    }

    private static TaskContext context(String type, Map<String, Object> payload) {
        return new TaskContext("task-1", type, 1, "worker-1", payload, Duration.ofSeconds(30));
    }
}
