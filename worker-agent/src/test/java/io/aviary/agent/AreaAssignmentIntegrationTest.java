package io.aviary.agent;

import io.aviary.agent.command.CommandSession;
import io.aviary.agent.connection.ConnectionSecrets;
import io.aviary.agent.executor.ExecutorRegistry;
import io.aviary.agent.executor.area.HttpPollExecutor;
import io.aviary.agent.executor.area.HttpPostExecutor;
import io.aviary.agent.executor.http.HttpAllowList;
import io.aviary.agent.identity.HardwareFacts;
import io.aviary.agent.identity.NetworkInterfaceFacts;
import io.aviary.agent.support.CapturedLog;
import io.aviary.agent.support.FakeCommandApi;
import io.aviary.agent.support.TargetServer;
import io.aviary.agent.support.TaskEventProducer;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.worker.WorkerIds;
import io.aviary.infra.EmbeddedStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An AREA action task through the whole agent: assigned on the real Kafka broker (embedded stack), run by the
 * {@code http.poll} executor against a local service with a connection resolved through the (fake) command API, and
 * reported with its output.
 */
class AreaAssignmentIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SECRET = "poll-secret-" + UUID.randomUUID();

    @TempDir
    Path stateDir;

    private final FakeCommandApi api = new FakeCommandApi();
    private final TargetServer service = new TargetServer();
    private final String name = "area-agent-" + UUID.randomUUID().toString().substring(0, 8);
    private final String workerId = WorkerIds.forName(name);
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        api.close();
        service.close();
    }

    @Test
    void anHttpPollAssignmentRunsWithItsConnectionAndReportsWhetherTheBodyChanged() throws Exception {
        // given a running agent, a service that answers only with the connection's token, and the connection
        service.answer("/status", 200, "{\"build\":\"green\"}");
        api.addBearerConnection("ci", SECRET);
        startAgent();
        String lastSeen = sha256("{\"build\":\"red\"}");

        // when an http.poll action task is assigned to it, with the hash of the previous poll
        String task = "t-poll-" + UUID.randomUUID();
        String log;
        try (CapturedLog captured = CapturedLog.everything();
             TaskEventProducer events = new TaskEventProducer(EmbeddedStack.shared().kafkaBootstrap())) {
            events.send(new TaskAssigned(task, "http.poll", 1, workerId, Map.of("url", service.url("/status"),
                    "method", "GET", "lastSeenHash", lastSeen, "connection", "ci"), 30_000, Instant.now()));
            await().atMost(PATIENCE).until(() -> api.completes(task).size() == 1);
            log = captured.text();
        }

        // then it is reported SUCCESS with the new hash, changed and triggered
        FakeCommandApi.Report report = api.completes(task).get(0);
        assertThat(report.outcome()).isEqualTo("SUCCESS");
        assertThat(report.output().path("status").asInt()).isEqualTo(200);
        assertThat(report.output().path("body").asText()).isEqualTo("{\"build\":\"green\"}");
        assertThat(report.output().path("bodyHash").asText()).isEqualTo(sha256("{\"build\":\"green\"}"));
        assertThat(report.output().path("changed").asBoolean()).isTrue();
        assertThat(report.output().path("triggered").asBoolean()).isTrue();
        // and the service was called with the connection the agent looked up with its own token
        assertThat(service.requests()).singleElement().satisfies(request ->
                assertThat(request.header("Authorization")).isEqualTo("Bearer " + SECRET));
        assertThat(api.secretRequests()).singleElement().satisfies(request ->
                assertThat(request.workerId()).isEqualTo(workerId));
        assertThat(report.output().toString()).doesNotContain(SECRET);
        // and the secret is nowhere in the agent's log (its own code captured down to TRACE)
        assertThat(log).contains(task).doesNotContain(SECRET);
        assertThat(fatal.get()).isNull();
    }

    private void startAgent() {
        AgentProperties properties = new AgentProperties(api.url(), EmbeddedStack.shared().kafkaBootstrap(), name, 2,
                8, List.of("http.poll", "http.post"), Map.of(), stateDir, Duration.ofMillis(200),
                List.of("127.0.0.1"), Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(200),
                api.issueEnrolmentToken(), AgentProperties.AssignmentLog.DEFAULTS);
        CommandSession session = new CommandSession();
        ConnectionSecrets connections = new ConnectionSecrets(session, AgentJson.newMapper(), Clock.systemUTC());
        HttpAllowList allowList = new HttpAllowList(properties.httpAllowedHosts());
        ExecutorRegistry executors = new ExecutorRegistry(List.of(new HttpPollExecutor(allowList, connections),
                new HttpPostExecutor(allowList, connections, AgentJson.newMapper())));
        agent = new Agent(properties, executors, hardware(), Clock.systemUTC(), fatal::set, session);
        agent.start();
        await().atMost(PATIENCE).until(() -> agent.phase() == Agent.Phase.READY);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static HardwareFacts hardware() {
        return new HardwareFacts() {
            @Override
            public String hardwareUuid() {
                return "4C4C4544-0042-3510-8052-B4C04F4E4D33";
            }

            @Override
            public List<NetworkInterfaceFacts> networkInterfaces() {
                return List.of(new NetworkInterfaceFacts("eth0", "52:54:00:12:34:57", false, false));
            }
        };
    }
}
