package io.aviary.reliability.fault;

import io.aviary.events.task.TaskStatus;
import io.aviary.events.worker.WorkerIds;
import io.aviary.reliability.Api;
import io.aviary.reliability.EventStore;
import io.aviary.reliability.EventStore.StoredEvent;
import io.aviary.reliability.Figures;
import io.aviary.reliability.ReadModels;
import io.aviary.reliability.ReliabilityPlatform;
import io.aviary.reliability.Soak;
import io.aviary.standalone.ChildApp;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault 5 of issue 7: command-side is killed (SIGKILL) while it assigns a burst of tasks, and started again. No task
 * stays ASSIGNED to a worker that never got it.
 * <p>
 * To make "a worker that never got it" certain rather than likely, agent 3 is killed at the same moment and kept
 * down until command-side is back and its tasks' short timeout (4 s) has passed: every attempt it held (assigned
 * before the crash, or after the restart while its worker still looked up) must be taken back by the dispatcher's
 * sweep (time-out, or re-queue once the worker is DOWN) and finished by another agent. Tasks allow 5 attempts: a
 * time-out counts as a failure.
 */
@Order(5)
class CommandSideRestartDuringDispatchTest {

    private static final int TIMEOUT_MS = 4000;

    @Test
    void noTaskStaysAssignedToAWorkerThatNeverGotIt() {
        ReliabilityPlatform platform = ReliabilityPlatform.get();
        EventStore store = EventStore.of(platform);
        ChildApp commandSide = platform.commandSide();
        ChildApp agent3 = platform.agent(3);
        String agent3Worker = WorkerIds.forName(ReliabilityPlatform.agentName(3));
        int rounds = Soak.pick(1, 3);
        int burst = 40;
        String run = UUID.randomUUID().toString().substring(0, 8);
        String token = platform.adminToken();
        List<String> keys = new ArrayList<>();
        int unanswered = 0;

        for (int round = 0; round < rounds; round++) {
            // given a burst of short tasks being submitted and assigned
            int killAt = burst / 2;
            for (int i = 0; i < burst; i++) {
                String key = "reliability-dispatch-" + run + "-" + round + "-" + i;
                keys.add(key);
                if (i == killAt) {
                    // when command-side dies in the middle of it (with agent 3), and the burst goes on
                    commandSide.kill();
                    agent3.kill();
                }
                if (submit(platform, key, token).status() != 202) {
                    unanswered++;
                }
            }
            // and command-side is started again; agent 3 only after its tasks' timeout has passed
            platform.restart(commandSide);
            token = platform.adminToken();
            for (String key : keys) {
                await("task " + key + " accepted after the restart").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> submit(platform, key, platform.adminToken()).status() == 202);
            }
            long restartedAt = System.currentTimeMillis();
            await("agent 3's attempts taken back").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> System.currentTimeMillis() - restartedAt > TIMEOUT_MS
                            && openAttemptsOf(store, keys, agent3Worker) == 0);
            platform.restart(agent3);
        }

        // then every task ends COMPLETED, none stuck in ASSIGNED, none completed twice
        List<String> tasks = keys.stream().map(Load::taskIdOf).toList();
        await("every task final").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> TaskAudit.allFinal(store, tasks));
        TaskAudit audit = TaskAudit.of(store, tasks);
        assertThat(audit.lost()).isEmpty();
        assertThat(audit.statusCounts()).containsOnlyKeys(TaskStatus.COMPLETED);
        assertThat(audit.completedTwice()).isEmpty();
        assertThat(audit.creditedTwice()).isEmpty();
        // and every attempt given to agent 3's worker that it did not finish was taken back by the sweep
        long takenBack = takenBackFrom(audit, agent3Worker);
        assertThat(takenBack).as("attempts of agent 3 timed out or re-queued").isPositive();
        try (ReadModels readModels = new ReadModels(platform.stack().mongoUri())) {
            await("read models completed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> readModels.taskStatuses(tasks).values().stream()
                            .filter("COMPLETED"::equals).count() == tasks.size());
        }

        Figures.of("5 command-side restart during dispatch")
                .put("command-side kills", rounds)
                .put("tasks", tasks.size())
                .put("calls unanswered while it was down (sent again)", unanswered)
                .put("attempts", audit.count("TaskAssigned") + audit.count("TaskReassigned"))
                .put("timed out", audit.count("TaskTimedOut"))
                .put("requeued", audit.count("TaskRequeued"))
                .put("taken back from the absent worker", takenBack)
                .put("stuck in ASSIGNED", 0)
                .put("completed twice", 0)
                .report();
    }

    private static Api.Answer submit(ReliabilityPlatform platform, String key, String token) {
        return Api.post(platform.commandUrl() + "/api/v1/tasks", Map.of("type", "sleep",
                "payload", Map.of("millis", 100), "timeoutMs", TIMEOUT_MS, "maxAttempts", 5,
                "idempotencyKey", key), token, Duration.ofSeconds(10));
    }

    /** Attempts the worker holds in the event store: assigned to it and neither finished nor taken back. */
    private static long openAttemptsOf(EventStore store, List<String> keys, String workerId) {
        return store.byAggregate(keys.stream().map(Load::taskIdOf).toList()).values().stream()
                .filter(history -> holder(history) != null && holder(history).equals(workerId)).count();
    }

    /** The worker holding the task's current attempt, or null when no attempt is open. */
    private static String holder(List<StoredEvent> history) {
        String holder = null;
        for (StoredEvent event : history) {
            switch (event.type()) {
                case "TaskAssigned" -> holder = event.text("workerId");
                case "TaskReassigned" -> holder = event.text("toWorkerId");
                case "TaskCompleted", "TaskTimedOut", "TaskRequeued", "TaskCancelled", "TaskDeadLettered" ->
                        holder = null;
                default -> {
                    // TaskStarted keeps the holder
                }
            }
        }
        return holder;
    }

    /** Attempts of this worker that ended by a time-out or a re-queue. */
    private static long takenBackFrom(TaskAudit audit, String workerId) {
        long count = 0;
        for (List<StoredEvent> history : audit.events().values()) {
            String holder = null;
            for (StoredEvent event : history) {
                if (event.type().equals("TaskAssigned")) {
                    holder = event.text("workerId");
                } else if (event.type().equals("TaskReassigned")) {
                    holder = event.text("toWorkerId");
                } else if ((event.type().equals("TaskTimedOut") || event.type().equals("TaskRequeued"))
                        && workerId.equals(holder)) {
                    count++;
                }
            }
        }
        return count;
    }
}
