package io.aviary.agent.assignment;

import io.aviary.agent.AgentJson;
import io.aviary.agent.execution.AttemptRunner;
import io.aviary.agent.execution.WorkQueue;
import io.aviary.agent.executor.ExecutorRegistry;
import io.aviary.agent.support.CountingExecutor;
import io.aviary.agent.support.FakeCommandApi;
import io.aviary.agent.support.SignedInClient;
import io.aviary.agent.support.TaskEventProducer;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.worker.WorkerIds;
import io.aviary.infra.EmbeddedStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.awaitility.Awaitility.await;

/**
 * An agent started again after a crash takes over its consumer group at once (issue 7, fault "agent killed
 * mid-task"). The crashed process is played by a consumer that stops polling without leaving the group, as a
 * killed or frozen process does: its membership stays valid until the broker gives up on it (45 s session, or 5 min
 * without a poll). A dynamic member joining meanwhile waits for that; the agent's static membership
 * ({@code group.instance.id} = its group) replaces the old member immediately.
 */
class AssignmentConsumerTakeoverTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path stateDir;

    private final String name = "takeover-" + UUID.randomUUID().toString().substring(0, 8);
    private final String workerId = WorkerIds.forName(name);
    private final String bootstrap = EmbeddedStack.shared().kafkaBootstrap();
    private final FakeCommandApi api = new FakeCommandApi();
    private final CountingExecutor counting = new CountingExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        timer.shutdownNow();
        api.close();
    }

    @Test
    void aRestartedAgentReceivesAssignmentsAtOnceWhileItsCrashedPredecessorIsStillAMember() throws Exception {
        try (TaskEventProducer events = new TaskEventProducer(bootstrap)) {
            // given an agent's consumer that took an assignment in, then stopped polling without leaving the group
            AssignmentConsumer crashed = consumer("first");
            String before = "t-before-" + UUID.randomUUID();
            events.send(assigned(before));
            await().atMost(PATIENCE).until(() -> counting.executions(before, 1) == 1);
            crashed.wakeup();

            // when the agent starts again under the same name and a new assignment is made
            consumer("second");
            String after = "t-after-" + UUID.randomUUID();
            events.send(assigned(after));

            // then the restarted consumer receives it, without waiting for the old membership to expire
            await().atMost(PATIENCE).until(() -> counting.executions(after, 1) == 1);
        }
    }

    /** A consumer of this agent name with an intake of its own, polling on a thread of its own. */
    private AssignmentConsumer consumer(String incarnation) throws InterruptedException {
        ProcessedAssignmentLog log = ProcessedAssignmentLog.open(stateDir.resolve(incarnation + ".log"),
                AgentJson.newMapper(), Clock.systemUTC());
        WorkQueue work = new WorkQueue(1, new AttemptRunner(workerId,
                SignedInClient.enrol(api, name), new ExecutorRegistry(List.of(counting)), log,
                timer));
        AssignmentIntake intake = new AssignmentIntake(workerId, log, work, AgentJson.newMapper());
        AssignmentConsumer consumer = new AssignmentConsumer(bootstrap, name);
        consumer.prepare();
        Thread thread = new Thread(() -> consumer.run(intake), "takeover-" + incarnation);
        thread.setDaemon(true);
        thread.start();
        await().atMost(PATIENCE).until(() -> consumer.lastPoll() != null);
        cleanup.add(log);
        cleanup.add(() -> work.shutdown(Duration.ofSeconds(1)));
        cleanup.add(consumer);
        cleanup.add(() -> {
            consumer.wakeup();
            thread.join(5000);
        });
        return consumer;
    }

    private TaskAssigned assigned(String taskId) {
        return new TaskAssigned(taskId, "count", 1, workerId, Map.of(), 30_000, Instant.now());
    }
}
