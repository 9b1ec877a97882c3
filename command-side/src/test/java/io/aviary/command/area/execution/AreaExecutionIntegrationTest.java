package io.aviary.command.area.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.support.Areas;
import io.aviary.command.support.Heartbeats;
import io.aviary.command.support.PublishedEvents;
import io.aviary.command.support.TestApi;
import io.aviary.command.support.TestApi.Agent;
import io.aviary.events.area.AreaExecutionCompleted;
import io.aviary.events.area.AreaFired;
import io.aviary.events.area.AreaReactionCompleted;
import io.aviary.events.area.ExecutionStatus;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskOrigin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cron AREA firing every second on the running application, with an agent played by the test (it enrols,
 * heartbeats, registers for {@code timer.tick} and {@code log}, and completes what it is assigned over the REST API):
 * the scheduler fires, the execution process creates the action task, the dispatcher hands it out, and each
 * execution runs the reaction whose condition holds and records the other as skipped.
 */
class AreaExecutionIntegrationTest extends CommandSideIntegrationTest {

    @Autowired
    private EventStore eventStore;

    private final ExecutorService agentThread = Executors.newSingleThreadExecutor();
    private Heartbeats heartbeats;
    private String areaId;

    @AfterEach
    void stop() throws InterruptedException {
        if (areaId != null) {
            api().exchange(HttpMethod.DELETE, "/api/v1/areas/" + areaId, null, TestApi.bearer(api().adminToken()));
        }
        agentThread.shutdownNow();
        agentThread.awaitTermination(10, TimeUnit.SECONDS);
        if (heartbeats != null) {
            heartbeats.close();
        }
    }

    @Test
    void a_cron_area_every_second_runs_executions_with_the_reactions_whose_condition_holds() {
        // given an agent for timer.tick and log, that completes every task it is assigned
        Agent agent = api().enrolAgent();
        heartbeats = new Heartbeats().beat(agent);
        assertThat(api().registerWorker(agent, "timer.tick", "log").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        agentThread.submit(() -> playAgent(agent));

        // when an AREA fires every second, with one reaction always and one whose condition is false
        JsonNode created = Areas.create(api(), Areas.cron("every second", "* * * * * *",
                List.of(Areas.log("output.firedAt != null"), Areas.log("output.firedAt == null"))));
        areaId = created.get("areaId").asText();

        // then at least three executions complete, each with reaction 0 run and reaction 1 skipped
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                Areas.events(eventStore, areaId, AreaExecutionCompleted.class)).hasSizeGreaterThanOrEqualTo(3));
        List<AreaExecutionCompleted> completed = Areas.events(eventStore, areaId, AreaExecutionCompleted.class);
        List<AreaReactionCompleted> reactions = Areas.events(eventStore, areaId, AreaReactionCompleted.class);
        for (AreaExecutionCompleted execution : completed) {
            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(reactions).filteredOn(r -> r.executionId().equals(execution.executionId()))
                    .extracting(AreaReactionCompleted::index, AreaReactionCompleted::conditionHeld)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(0, true),
                            org.assertj.core.groups.Tuple.tuple(1, false));
        }
        // and every fire was for a distinct second, its action task carrying the AREA as origin
        List<AreaFired> fires = Areas.events(eventStore, areaId, AreaFired.class);
        assertThat(fires).extracting(AreaFired::scheduledFor).doesNotHaveDuplicates();
        String firstAction = ExecutionTasks.actionTaskId(completed.get(0).executionId());
        assertThat(eventStore.readEvents(firstAction).asStream().map(m -> m.getPayload()).findFirst().orElseThrow())
                .isInstanceOfSatisfying(TaskCreated.class, task -> {
                    assertThat(task.origin()).isEqualTo(TaskOrigin.action(areaId, completed.get(0).executionId()));
                    assertThat(task.retryPolicy().maxAttempts()).isEqualTo(2);
                });

        // and all of it is on Kafka, each record valid against the schema of its type
        try (PublishedEvents published = new PublishedEvents()) {
            List<ConsumerRecord<String, byte[]>> records = published.awaitTypes(Set.of(areaId, firstAction), Set.of(
                    "io.aviary.area.AreaScheduled.v1", "io.aviary.area.AreaFired.v1",
                    "io.aviary.area.AreaActionCompleted.v1", "io.aviary.area.AreaReactionCompleted.v1",
                    "io.aviary.area.AreaExecutionCompleted.v1", "io.aviary.task.TaskCreated.v2"));
            records.forEach(PublishedEvents::assertValid);
        }
    }

    /** Completes every task assigned to the agent's worker, as an agent would: timer.tick answers firedAt. */
    private void playAgent(Agent agent) {
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (!Thread.currentThread().isInterrupted()) {
                if (!stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                if (stream.nextAvailable().getPayload() instanceof TaskAssigned assigned
                        && assigned.workerId().equals(agent.workerId())) {
                    Map<String, Object> output = assigned.type().equals("timer.tick")
                            ? Map.of("triggered", true, "firedAt", String.valueOf(assigned.payload().get("firedAt")))
                            : Map.of("logged", true);
                    api().post("/api/v1/tasks/" + assigned.taskId() + "/complete", Map.of("workerId",
                            agent.workerId(), "attempt", assigned.attempt(), "outcome", "SUCCESS", "output", output),
                            agent.headers());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
