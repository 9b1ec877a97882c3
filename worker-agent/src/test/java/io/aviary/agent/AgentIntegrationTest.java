package io.aviary.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.agent.auth.AgentAuthException;
import io.aviary.agent.auth.CredentialsStore;
import io.aviary.agent.executor.ExecutorRegistry;
import io.aviary.agent.executor.builtin.FailExecutor;
import io.aviary.agent.executor.builtin.NoopExecutor;
import io.aviary.agent.executor.builtin.SleepExecutor;
import io.aviary.agent.identity.HardwareFacts;
import io.aviary.agent.identity.NetworkInterfaceFacts;
import io.aviary.agent.support.ConsumerGroups;
import io.aviary.agent.support.CountingExecutor;
import io.aviary.agent.support.FakeCommandApi;
import io.aviary.agent.support.TaskEventProducer;
import io.aviary.events.Topics;
import io.aviary.events.liveness.Heartbeat;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCancelled;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.worker.WorkerIds;
import io.aviary.infra.EmbeddedStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent against a real Kafka broker (the embedded stack) and a fake command API on localhost: events are
 * produced as the command side writes them, and the agent's reports are what the fake API receives.
 */
class AgentIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static EmbeddedStack stack;
    private static TaskEventProducer events;
    private static ConsumerGroups groups;

    @TempDir
    Path stateDir;

    private final FakeCommandApi api = new FakeCommandApi();
    private final String enrolmentToken = api.issueEnrolmentToken();
    private final CountingExecutor counting = new CountingExecutor();
    private final List<Agent> agents = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    private final String name = "it-agent-" + UUID.randomUUID().toString().substring(0, 8);
    private final String workerId = WorkerIds.forName(name);

    @BeforeAll
    static void kafka() {
        stack = EmbeddedStack.shared();
        events = new TaskEventProducer(stack.kafkaBootstrap());
        groups = new ConsumerGroups(stack.kafkaBootstrap());
    }

    @AfterAll
    static void closeClients() {
        events.close();
        groups.close();
    }

    @AfterEach
    void stopAgents() {
        agents.forEach(Agent::stop);
        api.close();
    }

    @Test
    void anAssignmentIsStartedAndCompletedWithItsAttemptAndOutcome() {
        // given a running agent
        startAgent();

        // when a noop task and a fail task are assigned to it
        events.send(assigned("t-noop-" + suffix(), "noop", 1, Map.of()));
        String failing = "t-fail-" + suffix();
        events.send(assigned(failing, "fail", 1, Map.of("times", 1)));

        // then each is started, then completed, with the attempt it was assigned and the executor's outcome
        await().atMost(PATIENCE).until(() -> api.completes(failing).size() == 1);
        assertThat(api.starts(failing)).singleElement().satisfies(start -> {
            assertThat(start.workerId()).isEqualTo(workerId);
            assertThat(start.attempt()).isEqualTo(1);
        });
        assertThat(api.completes(failing)).singleElement().satisfies(complete -> {
            assertThat(complete.workerId()).isEqualTo(workerId);
            assertThat(complete.attempt()).isEqualTo(1);
            assertThat(complete.outcome()).isEqualTo("FAILURE");
        });

        // and when the retry is assigned as attempt 2, it succeeds
        events.send(assigned(failing, "fail", 2, Map.of("times", 1)));
        await().atMost(PATIENCE).until(() -> api.completes(failing).size() == 2);
        assertThat(api.completes(failing).get(1).attempt()).isEqualTo(2);
        assertThat(api.completes(failing).get(1).outcome()).isEqualTo("SUCCESS");
    }

    @Test
    void theSameAssignmentDeliveredTwiceRunsOnce() {
        // given a running agent
        Agent agent = startAgent();
        String task = "t-dup-" + suffix();

        // when the same assignment is on the topic twice
        events.send(assigned(task, "count", 1, Map.of()));
        RecordMetadata second = events.send(assigned(task, "count", 1, Map.of()));

        // then, once the agent has durably taken in both, the attempt ran and was reported once
        awaitTakenIn(second);
        await().atMost(PATIENCE).until(() -> api.completes(task).size() == 1 && agent.heldAttempts() == 0);
        assertThat(counting.executions(task, 1)).isEqualTo(1);
        assertThat(api.starts(task)).hasSize(1);
        assertThat(api.completes(task)).hasSize(1);
    }

    @Test
    void aRestartedAgentKeepsItsIdentityAndDoesNotRunAFinishedAssignmentAgain() {
        // given an agent that ran an assignment to the end, then stopped
        Agent first = startAgent();
        String task = "t-restart-" + suffix();
        TaskAssigned assignment = assigned(task, "count", 1, Map.of());
        events.send(assignment);
        await().atMost(PATIENCE).until(() -> api.completes(task).size() == 1 && first.heldAttempts() == 0);
        first.stop();

        // when it starts again on the same state dir and the assignment is delivered again
        Agent second = startAgent();
        RecordMetadata redelivered = events.send(assignment);
        awaitTakenIn(redelivered);
        await().atMost(PATIENCE).until(() -> second.heldAttempts() == 0);

        // then it came back as the same worker, and the assignment did not run again
        assertThat(api.registrations()).hasSize(2);
        assertThat(api.registrations().get(1).path("hardwareId").asText())
                .isEqualTo(api.registrations().get(0).path("hardwareId").asText());
        assertThat(second.identity()).isEqualTo(first.identity());
        assertThat(counting.executions(task, 1)).isEqualTo(1);
        assertThat(api.starts(task)).hasSize(1);
    }

    @Test
    void aResultNotYetReportedWhenTheAgentStoppedIsReportedAfterTheRestartWithoutRunningAgain() {
        // given an agent that executed an assignment but could not report it (command side answers 503)
        String task = "t-unreported-" + suffix();
        AtomicInteger completeStatus = new AtomicInteger(503);
        api.answerCompleteWith(task, completeStatus::get);
        Agent first = startAgent();
        events.send(assigned(task, "count", 1, Map.of()));
        await().atMost(PATIENCE).until(() -> !api.completes(task).isEmpty());

        // when it is stopped, the command side recovers, and the agent starts again
        first.stop();
        completeStatus.set(202);
        int callsBefore = api.completes(task).size();
        Agent second = startAgent();

        // then the stored result is reported, and the task was executed only once
        await().atMost(PATIENCE).until(() -> api.completes(task).size() > callsBefore && second.heldAttempts() == 0);
        assertThat(counting.executions(task, 1)).isEqualTo(1);
        assertThat(api.starts(task)).hasSize(1);
        assertThat(api.completes(task)).last().satisfies(report -> assertThat(report.outcome()).isEqualTo("SUCCESS"));
    }

    @Test
    void aStaleAssignmentIsNotExecuted() {
        // given the command side considers the attempt stale
        String task = "t-stale-" + suffix();
        api.answerStartWith(task, () -> 409);
        Agent agent = startAgent();

        // when it is assigned
        RecordMetadata record = events.send(assigned(task, "count", 1, Map.of()));

        // then the start is tried, and the task is neither executed nor completed
        awaitTakenIn(record);
        await().atMost(PATIENCE).until(() -> api.starts(task).size() == 1 && agent.heldAttempts() == 0);
        assertThat(counting.executions(task, 1)).isZero();
        assertThat(api.completes(task)).isEmpty();
    }

    @Test
    void assignmentsForAnotherWorkerAreIgnored() {
        // given a running agent
        Agent agent = startAgent();
        String task = "t-other-" + suffix();

        // when a task is assigned to another worker, and reassigned from that worker to a third one
        events.send(new TaskAssigned(task, "count", 1, WorkerIds.forName("someone-else"), Map.of(), 30_000,
                Instant.now()));
        RecordMetadata last = events.send(new TaskReassigned(task, "count", 2, WorkerIds.forName("someone-else"),
                WorkerIds.forName("a-third"), Map.of(), 30_000, "shuffle", Instant.now()));

        // then the agent takes both records in, and does nothing with them
        awaitTakenIn(last);
        assertThat(agent.heldAttempts()).isZero();
        assertThat(api.starts(task)).isEmpty();
        assertThat(counting.executions(task, 1)).isZero();
    }

    @Test
    void aReassignmentToThisWorkerRuns() {
        Agent agent = startAgent();
        String task = "t-reassigned-" + suffix();

        events.send(new TaskReassigned(task, "count", 4, WorkerIds.forName("someone-else"), workerId, Map.of(),
                30_000, "shuffle", Instant.now()));

        await().atMost(PATIENCE).until(() -> api.completes(task).size() == 1 && agent.heldAttempts() == 0);
        assertThat(api.completes(task).get(0).attempt()).isEqualTo(4);
        assertThat(counting.executions(task, 4)).isEqualTo(1);
    }

    @Test
    void aCancelledRunningTaskIsInterruptedAndNotReported() {
        // given a long task running on the agent
        Agent agent = startAgent();
        String task = "t-cancel-" + suffix();
        events.send(assigned(task, "sleep", 1, Map.of("millis", 3_600_000)));
        await().atMost(PATIENCE).until(() -> api.starts(task).size() == 1 && agent.busySlots() == 1);

        // when the task is cancelled
        events.send(new TaskCancelled(task, "sleep", 1, workerId, "operator", Instant.now()));

        // then its slot is freed and no outcome is reported
        await().atMost(PATIENCE).until(() -> agent.heldAttempts() == 0);
        assertThat(agent.busySlots()).isZero();
        assertThat(api.completes(task)).isEmpty();
    }

    @Test
    void onTheVeryFirstStartTheAgentBeginsAtTheEndOfTheTopic() {
        // given an assignment made to this name before its agent ever ran
        String task = "t-before-" + suffix();
        events.send(assigned(task, "count", 1, Map.of()));

        // when the agent starts for the first time and then gets the next attempt of that task (same partition)
        Agent agent = startAgent();
        events.send(assigned(task, "count", 2, Map.of()));

        // then only the assignment made after its start runs
        await().atMost(PATIENCE).until(() -> api.completes(task).size() == 1 && agent.heldAttempts() == 0);
        assertThat(api.completes(task).get(0).attempt()).isEqualTo(2);
        assertThat(counting.executions(task, 1)).isZero();
    }

    @Test
    void aNameBoundToOtherHardwareIsFatal() {
        // given the command side refuses the name (409)
        api.answerRegistrationWith(409);

        // when the agent starts
        Agent agent = newAgent();
        agent.start();

        // then it reports a fatal registration error and does not become ready
        await().atMost(PATIENCE).until(() -> fatal.get() != null);
        assertThat(fatal.get()).hasMessageContaining(name).hasMessageContaining("409");
        assertThat(agent.phase()).isEqualTo(Agent.Phase.FAILED);
    }

    @Test
    void onTheFirstStartTheAgentEnrolsAndKeepsItsCredentialsReadableByItsUserOnly() throws IOException {
        // given a state dir without credentials and an enrolment token from an admin
        // when the agent starts
        startAgent();

        // then it enrolled once with its name and hardware id, and registered with the token it received
        assertThat(api.enrolments()).isEqualTo(1);
        assertThat(api.registrations()).hasSize(1);
        assertThat(api.unauthorizedCalls()).isZero();
        assertThat(api.forbiddenCalls()).isZero();
        // and its credentials are in the state dir, mode 0600
        Path credentials = stateDir.resolve(CredentialsStore.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        JsonNode saved = AgentJson.newMapper().readTree(credentials.toFile());
        assertThat(saved.path("workerId").asText()).isEqualTo(workerId);
        assertThat(saved.path("agentSecret").asText()).isNotBlank();
        assertThat(saved.path("hardwareId").asText())
                .isEqualTo(api.registrations().get(0).path("hardwareId").asText());
        try (var files = Files.list(stateDir)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(file -> file.endsWith(".tmp"));
        }
    }

    @Test
    void aRestartedAgentSignsInWithItsSavedCredentialsAndNeedsNoEnrolmentToken() {
        // given an agent that enrolled and stopped
        startAgent().stop();

        // when it starts again without an enrolment token
        Agent restarted = newAgent(name, stateDir, "");
        restarted.start();

        // then it signs in with its saved credentials, registers and runs assignments
        await().atMost(PATIENCE).until(() -> restarted.phase() == Agent.Phase.READY);
        String task = "t-signed-in-" + suffix();
        events.send(assigned(task, "count", 1, Map.of()));
        await().atMost(PATIENCE).until(() -> api.completes(task).size() == 1);
        assertThat(api.enrolments()).isEqualTo(1);
        assertThat(api.registrations()).hasSize(2);
        assertThat(api.issuedTokens()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void withoutCredentialsAndWithoutAnEnrolmentTokenTheAgentStopsWithAConfigurationError() {
        // given an empty state dir and no enrolment token
        Agent agent = newAgent(name, stateDir, "");

        // when the agent starts
        agent.start();

        // then it fails fatally, says what to do, exits as misconfigured, and never called the command side
        await().atMost(PATIENCE).until(() -> fatal.get() != null);
        assertThat(fatal.get()).isInstanceOf(AgentAuthException.class)
                .hasMessageContaining("AVIARY_AGENT_ENROLMENT_TOKEN");
        assertThat(AgentConfiguration.exitStatus(fatal.get())).isEqualTo(AgentConfiguration.EXIT_CONFIG);
        assertThat(agent.phase()).isEqualTo(Agent.Phase.FAILED);
        assertThat(api.enrolments()).isZero();
        assertThat(api.registrations()).isEmpty();
    }

    @Test
    void aSpentEnrolmentTokenIsAConfigurationError(@TempDir Path otherStateDir) {
        // given the enrolment token was used by one agent
        startAgent();

        // when another agent starts with the same token
        Agent second = newAgent(name + "-2", otherStateDir, enrolmentToken);
        second.start();

        // then the second one fails fatally and keeps no credentials
        await().atMost(PATIENCE).until(() -> fatal.get() != null);
        assertThat(fatal.get()).isInstanceOf(AgentAuthException.class).hasMessageContaining("401");
        assertThat(second.phase()).isEqualTo(Agent.Phase.FAILED);
        assertThat(otherStateDir.resolve(CredentialsStore.FILE_NAME)).doesNotExist();
        assertThat(api.enrolments()).isEqualTo(1);
    }

    @Test
    void theAccessTokenIsRenewedBeforeItExpires() {
        // given the command side issues tokens that live two seconds
        api.issueTokensFor(Duration.ofSeconds(2));

        // when the agent runs for longer than that
        startAgent();
        await().atMost(PATIENCE).until(() -> api.issuedTokens().size() >= 3);

        // then each token was replaced before it expired
        List<FakeCommandApi.Issued> tokens = api.issuedTokens();
        for (int i = 1; i < tokens.size(); i++) {
            assertThat(tokens.get(i).issuedAt()).as("token %d issued before token %d expired", i, i - 1)
                    .isBefore(tokens.get(i - 1).expiresAt());
        }
        // and reports carry a live token
        String task = "t-renewed-" + suffix();
        events.send(assigned(task, "count", 1, Map.of()));
        await().atMost(PATIENCE).until(() -> api.completes(task).size() == 1);
        assertThat(api.starts(task)).hasSize(1);
    }

    @Test
    void aTokenRefusedWith401IsRenewedAndTheCallSentAgain() {
        // given a running agent whose tokens the command side then stops accepting
        startAgent();
        int issuedBefore = api.issuedTokens().size();
        api.revokeIssuedTokens();

        // when it reports on an assignment
        String task = "t-revoked-" + suffix();
        events.send(assigned(task, "count", 1, Map.of()));

        // then the refused call got a new token and went through, and the task ran once
        await().atMost(PATIENCE).until(() -> api.completes(task).size() == 1);
        assertThat(api.unauthorizedCalls()).isGreaterThanOrEqualTo(1);
        assertThat(api.issuedTokens().size()).isGreaterThan(issuedBefore);
        assertThat(api.starts(task)).hasSize(1);
        assertThat(counting.executions(task, 1)).isEqualTo(1);
    }

    @Test
    void registrationCarriesTheAgentsCapacityAndHeartbeatsAppearKeyedByWorkerId() {
        // given a running agent
        startAgent();

        // then it registered with its configuration
        JsonNode registration = api.registrations().get(0);
        assertThat(registration.path("name").asText()).isEqualTo(name);
        assertThat(registration.path("hardwareId").asText()).startsWith("sha256:");
        assertThat(registration.path("slots").asInt()).isEqualTo(2);
        assertThat(registration.path("maxQueue").asInt()).isEqualTo(8);
        assertThat(registration.path("taskTypes")).extracting(JsonNode::asText)
                .containsExactly("noop", "sleep", "fail", "count");
        assertThat(registration.path("labels").path("zone").asText()).isEqualTo("test");

        // and its heartbeats are on the liveness topic, keyed by its worker id
        try (KafkaConsumer<String, String> liveness = livenessReader()) {
            List<ConsumerRecord<String, String>> mine = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                liveness.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (workerId.equals(record.key())) {
                        mine.add(record);
                    }
                });
                return mine.size() >= 2;
            });
            Heartbeat heartbeat = AgentJson.newMapper().readValue(mine.get(0).value(), Heartbeat.class);
            // each beat carries a live access token of this worker, which the liveness monitor checks
            for (ConsumerRecord<String, String> beat : mine) {
                Header authorization = beat.headers().lastHeader("authorization");
                assertThat(authorization).as("authorization header").isNotNull();
                String value = new String(authorization.value(), StandardCharsets.UTF_8);
                assertThat(value).startsWith("Bearer ");
                FakeCommandApi.Issued token = api.issued(value.substring("Bearer ".length())).orElseThrow();
                assertThat(token.workerId()).isEqualTo(workerId);
                assertThat(token.validAt(Instant.ofEpochMilli(beat.timestamp()))).isTrue();
            }
            assertThat(heartbeat.workerId()).isEqualTo(workerId);
            assertThat(heartbeat.name()).isEqualTo(name);
            assertThat(heartbeat.slots()).isEqualTo(2);
            assertThat(heartbeat.busySlots()).isBetween(0, 2);
            assertThat(heartbeat.sentAt()).isNotNull();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Agent startAgent() {
        Agent agent = newAgent();
        agent.start();
        await().atMost(PATIENCE).until(() -> agent.phase() == Agent.Phase.READY);
        return agent;
    }

    private Agent newAgent() {
        return newAgent(name, stateDir, enrolmentToken);
    }

    private Agent newAgent(String agentName, Path agentStateDir, String agentEnrolmentToken) {
        AgentProperties properties = new AgentProperties(api.url(), stack.kafkaBootstrap(), agentName, 2, 8,
                List.of("noop", "sleep", "fail", "count"), Map.of("zone", "test"), agentStateDir,
                Duration.ofMillis(200), List.of("localhost", "127.0.0.1"), Duration.ofSeconds(2),
                Duration.ofMillis(20), Duration.ofMillis(200), agentEnrolmentToken,
                AgentProperties.AssignmentLog.DEFAULTS);
        ExecutorRegistry executors = new ExecutorRegistry(List.of(new NoopExecutor(), new SleepExecutor(),
                new FailExecutor(), counting));
        Agent agent = new Agent(properties, executors, fixedHardware(), Clock.systemUTC(), fatal::set);
        agents.add(agent);
        return agent;
    }

    private void awaitTakenIn(RecordMetadata record) {
        await().atMost(PATIENCE).until(() -> groups.hasCommittedPast("aviary-agent-" + name, record));
    }

    private TaskAssigned assigned(String taskId, String type, int attempt, Map<String, Object> payload) {
        return new TaskAssigned(taskId, type, attempt, workerId, payload, 30_000, Instant.now());
    }

    private KafkaConsumer<String, String> livenessReader() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.WORKER_LIVENESS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static HardwareFacts fixedHardware() {
        return new HardwareFacts() {
            @Override
            public String hardwareUuid() {
                return "4C4C4544-0042-3510-8052-B4C04F4E4D32";
            }

            @Override
            public List<NetworkInterfaceFacts> networkInterfaces() {
                return List.of(new NetworkInterfaceFacts("eth0", "52:54:00:12:34:56", false, false));
            }
        };
    }
}
