package io.aviary.reliability.fault;

import io.aviary.events.task.TaskStatus;
import io.aviary.events.worker.WorkerIds;
import io.aviary.reliability.EventStore;
import io.aviary.reliability.EventStore.StoredEvent;
import io.aviary.reliability.Figures;
import io.aviary.reliability.ReadModels;
import io.aviary.reliability.ReliabilityPlatform;
import io.aviary.reliability.Soak;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault 1 of issue 7: agents killed with SIGKILL at random moments under a steady load, each started again.
 * Afterwards every accepted task is final, none lost, none completed twice (event store and topic), and no account
 * credited twice for one task.
 */
@Order(1)
class AgentKilledMidTaskTest {

    @Test
    void everyTaskEndsExactlyOnceAndIsCreditedOnceWhileAgentsAreKilled() {
        ReliabilityPlatform platform = ReliabilityPlatform.get();
        EventStore store = EventStore.of(platform);
        long seed = System.nanoTime();
        int wantedKills = Soak.pick(20, 100);

        // given a steady load: a task every 250 ms, half noop, half sleep 300-2,000 ms
        List<String> tasks;
        List<AgentChaos.Kill> kills;
        int restarts;
        try (Load load = Load.start(platform, "agent-kill", Duration.ofMillis(250), Map.of(), seed)) {
            await("the load to get going").atMost(Duration.ofSeconds(60)).until(() -> load.acceptedCount() >= 10);

            // when agents are killed at random moments (gaps of 1-3 s), each down for 0-8 s, then started again
            try (AgentChaos chaos = AgentChaos.start(platform, seed, wantedKills, 1000, 3000, 8000)) {
                await("all " + wantedKills + " kills").atMost(Duration.ofSeconds(wantedKills * 5L + 60))
                        .pollInterval(Duration.ofMillis(500)).until(chaos::done);
                load.stopProducing();
                await("every agent running again").atMost(Duration.ofSeconds(30)).until(chaos::allAgentsRunning);
                kills = chaos.kills();
                restarts = chaos.restarts();
            }
            await("every call of the load answered").atMost(Duration.ofSeconds(60)).until(load::allAnswered);
            tasks = load.accepted();
        }
        platform.agents().forEach(platform::awaitReady);

        // then every accepted task reaches a final state in the event store
        await("every task final").atMost(Duration.ofSeconds(Soak.pick(180, 600))).pollInterval(Duration.ofSeconds(1))
                .until(() -> TaskAudit.allFinal(store, tasks));
        // and each completion is credited (the accounting process runs after the completion)
        await("every completion credited").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> TaskAudit.of(store, tasks).creditMismatches().isEmpty());
        TaskAudit audit = TaskAudit.of(store, tasks);
        assertThat(audit.lost()).as("tasks accepted but never stored").isEmpty();
        assertThat(audit.notFinal()).as("tasks not final").isEmpty();
        assertThat(audit.statusCounts()).as("noop and sleep tasks cannot fail: all completed")
                .containsOnlyKeys(TaskStatus.COMPLETED);
        assertThat(audit.completedTwice()).as("tasks completed (SUCCESS/WARNING) twice in the event store").isEmpty();
        assertThat(audit.creditedTwice()).as("tasks credited twice").isEmpty();
        assertThat(audit.creditMismatches()).as("completions without exactly one matching credit").isEmpty();
        assertThat(audit.chargedTwice()).as("(task, attempt) charged twice").isEmpty();

        // and on the topic, no task has two different completion events
        await("every completion on the topic").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> TaskAudit.TopicView.of(platform, tasks).completionIdsPerTask().size() == tasks.size());
        TaskAudit.TopicView topic = TaskAudit.TopicView.of(platform, tasks);
        assertThat(topic.completedTwice()).as("tasks with two completion events on the topic").isEmpty();

        // and the read models show every task COMPLETED
        try (ReadModels readModels = new ReadModels(platform.stack().mongoUri())) {
            await("read models completed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> readModels.taskStatuses(tasks).values().stream()
                            .filter("COMPLETED"::equals).count() == tasks.size());
        }

        Figures.of("1 agent killed mid-task")
                .put("seed", seed)
                .put("tasks", tasks.size())
                .put("kills", kills.size())
                .put("kills of an agent with a busy slot", kills.stream().filter(AgentChaos.Kill::busy).count())
                .put("kills while the agent held a started attempt", killsMidTask(audit, kills))
                .put("restarts", restarts)
                .put("task events", audit.eventsCount())
                .put("requeued", audit.count("TaskRequeued"))
                .put("timed out", audit.count("TaskTimedOut"))
                .put("attempts", audit.count("TaskAssigned") + audit.count("TaskReassigned"))
                .put("completed", audit.completedCount())
                .put("credits", audit.credits())
                .put("lost", audit.lost().size())
                .put("completed twice", audit.completedTwice().size())
                .put("credited twice", audit.creditedTwice().size())
                .put("topic duplicate records", topic.duplicateRecords())
                .report();
    }

    /** Kills at a moment the killed agent's worker held a started, unfinished attempt (from event times). */
    private static long killsMidTask(TaskAudit audit, List<AgentChaos.Kill> kills) {
        return kills.stream().filter(kill -> {
            String workerId = WorkerIds.forName(ReliabilityPlatform.agentName(kill.agent()));
            return audit.events().values().stream().anyMatch(history -> runningAt(history, workerId, kill.at()));
        }).count();
    }

    private static boolean runningAt(List<StoredEvent> history, String workerId, Instant at) {
        Instant started = null;
        for (StoredEvent event : history) {
            if (event.type().equals("TaskStarted") && workerId.equals(event.text("workerId"))) {
                started = event.timestamp();
            } else if (started != null && !event.type().equals("TaskStarted")) {
                if (!started.isAfter(at) && event.timestamp().isAfter(at)) {
                    return true;
                }
                started = null;
            }
        }
        return false;
    }
}
