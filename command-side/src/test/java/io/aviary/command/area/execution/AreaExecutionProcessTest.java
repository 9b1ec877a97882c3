package io.aviary.command.area.execution;

import io.aviary.command.area.AreaCommands.FireArea;
import io.aviary.command.area.AreaCommands.ScheduleArea;
import io.aviary.command.task.TaskCommands.AssignTask;
import io.aviary.command.task.TaskCommands.CompleteTask;
import io.aviary.events.area.ActionSpec;
import io.aviary.events.area.AreaActionCompleted;
import io.aviary.events.area.AreaExecutionCompleted;
import io.aviary.events.area.AreaReactionCompleted;
import io.aviary.events.area.ExecutionStatus;
import io.aviary.events.area.FireSource;
import io.aviary.events.area.MisfirePolicy;
import io.aviary.events.area.ReactionSpec;
import io.aviary.events.area.RetryPolicy;
import io.aviary.events.area.TriggerKind;
import io.aviary.events.area.TriggerSpec;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskDeadLettered;
import io.aviary.events.task.TaskOrigin;
import io.aviary.events.task.TaskRetryScheduled;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AREA executions end to end through the real aggregates and the process (agents played by the test): action task,
 * reactions whose condition holds, statuses, {@code task.create}, {@code lastSeenHash}, and replays that create
 * nothing twice.
 */
class AreaExecutionProcessTest {

    private static final RetryPolicy POLICY = new RetryPolicy(2, 100, 3.0, 1_000);
    private static final TriggerSpec EVERY_MINUTE =
            new TriggerSpec(TriggerKind.CRON, "0 * * * * *", "UTC", null, MisfirePolicy.FIRE_ONCE_NOW);
    private static final ActionSpec POLL = new ActionSpec("status", "http.poll",
            Map.of("url", "https://status.example.com", "condition", "output.status >= 500"), "status-token");
    private static final ActionSpec TICK = new ActionSpec("clock", "timer.tick", Map.of(), null);
    private static final Instant T1 = Instant.parse("2025-03-01T10:15:00Z");

    private final ExecutionHarness harness = new ExecutionHarness();
    private final String areaId = UUID.randomUUID().toString();

    @AfterEach
    void close() {
        harness.close();
    }

    private void define(ActionSpec action, ReactionSpec... reactions) {
        harness.send(new ScheduleArea(areaId, "maria", "test", action, EVERY_MINUTE, List.of(reactions), POLICY,
                null));
    }

    private String fire(Instant instant) {
        return harness.send(FireArea.scheduled(areaId, FireSource.CRON, instant, UUID.randomUUID().toString()));
    }

    /** Plays the agent: the task is assigned to a worker, which reports the outcome. */
    private void run(String taskId, int attempt, Outcome outcome, Map<String, Object> output) {
        harness.send(new AssignTask(taskId, "worker-1"));
        harness.send(new CompleteTask(taskId, "worker-1", attempt, outcome, output, null));
    }

    private static ReactionSpec log(String condition) {
        return new ReactionSpec("log", Map.of("message", "{{output.status}}"), condition, null);
    }

    @Test
    void a_fire_creates_the_action_task_with_its_origin_and_the_areas_retry_policy() {
        define(POLL, log(null));

        String executionId = fire(T1);

        TaskCreated action = harness.recorded(TaskCreated.class).get(0);
        assertThat(action.taskId()).isEqualTo(ExecutionTasks.actionTaskId(executionId));
        assertThat(action.type()).isEqualTo("http.poll");
        assertThat(action.origin()).isEqualTo(TaskOrigin.action(areaId, executionId));
        assertThat(action.retryPolicy()).isEqualTo(POLICY);
        assertThat(action.maxAttempts()).isEqualTo(2);
        assertThat(action.payload()).containsEntry("url", "https://status.example.com")
                .containsEntry("connection", "status-token").containsEntry("scheduledFor", T1.toString())
                .doesNotContainKey("lastSeenHash");
    }

    @Test
    void a_triggered_action_runs_the_reactions_whose_condition_holds_and_records_the_others() {
        // given an AREA with three reactions, the second one's condition false on the output
        define(TICK, log(null), log("output.status == 500"), log("output.status == 200"));
        String executionId = fire(T1);

        // when the action completes, triggered, with status 200
        run(ExecutionTasks.actionTaskId(executionId), 1, Outcome.SUCCESS, Map.of("status", 200, "triggered", true));

        // then reactions 0 and 2 got tasks (carrying the action's output), reaction 1 is recorded as skipped
        assertThat(harness.recorded(TaskCreated.class)).filteredOn(t -> t.origin() != null
                        && TaskOrigin.REACTION.equals(t.origin().role()))
                .extracting(TaskCreated::taskId).containsExactly(ExecutionTasks.reactionTaskId(executionId, 0),
                        ExecutionTasks.reactionTaskId(executionId, 2));
        assertThat(harness.recorded(TaskCreated.class).get(1).payload())
                .containsEntry("output", Map.of("status", 200, "triggered", true));
        assertThat(harness.recorded(AreaReactionCompleted.class)).containsExactly(new AreaReactionCompleted(areaId,
                executionId, 1, "log", false, null, 0, null,
                harness.recorded(AreaReactionCompleted.class).get(0).completedAt()));
        assertThat(harness.recorded(AreaExecutionCompleted.class)).isEmpty();

        // and when both reactions succeed, the execution succeeded
        run(ExecutionTasks.reactionTaskId(executionId, 0), 1, Outcome.SUCCESS, Map.of());
        run(ExecutionTasks.reactionTaskId(executionId, 2), 1, Outcome.WARNING, Map.of());
        assertThat(harness.recorded(AreaExecutionCompleted.class)).singleElement()
                .extracting(AreaExecutionCompleted::status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(harness.store().runningExecutions()).isZero();
    }

    @Test
    void a_dead_lettered_reaction_makes_the_execution_partially_failed_after_retrying_with_the_areas_backoff() {
        define(TICK, log(null), log(null));
        String executionId = fire(T1);
        run(ExecutionTasks.actionTaskId(executionId), 1, Outcome.SUCCESS, Map.of());
        String failing = ExecutionTasks.reactionTaskId(executionId, 1);

        // when reaction 1 fails twice (the AREA allows 2 attempts) and reaction 0 succeeds
        run(failing, 1, Outcome.FAILURE, Map.of());
        run(failing, 2, Outcome.FAILURE, Map.of());
        run(ExecutionTasks.reactionTaskId(executionId, 0), 1, Outcome.SUCCESS, Map.of());

        // then the retry waited the AREA's initial backoff (100 ms, not the global 500 ms), then it dead-lettered
        TaskRetryScheduled retry = harness.recorded(TaskRetryScheduled.class).get(0);
        assertThat(Duration.between(retry.scheduledAt(), retry.notBefore())).isEqualTo(Duration.ofMillis(100));
        assertThat(harness.recorded(TaskDeadLettered.class)).extracting(TaskDeadLettered::taskId)
                .containsExactly(failing);
        assertThat(harness.recorded(AreaReactionCompleted.class)).filteredOn(r -> r.index() == 1).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.FAILURE))
                .satisfies(r -> assertThat(r.attempts()).isEqualTo(2));
        assertThat(harness.recorded(AreaExecutionCompleted.class)).singleElement()
                .extracting(AreaExecutionCompleted::status).isEqualTo(ExecutionStatus.PARTIALLY_FAILED);
    }

    @Test
    void an_action_that_does_not_trigger_runs_no_reaction_and_the_next_poll_knows_the_last_hash() {
        define(POLL, log(null));
        String first = fire(T1);

        // when the poll answers an unchanged body, with a status the AREA's condition does not care about
        run(ExecutionTasks.actionTaskId(first), 1, Outcome.SUCCESS,
                Map.of("status", 200, "bodyHash", "abc123", "triggered", false));

        // then nothing ran, the execution is NOT_TRIGGERED, and the next poll carries the hash
        assertThat(harness.recorded(TaskCreated.class)).hasSize(1);
        assertThat(harness.recorded(AreaExecutionCompleted.class)).singleElement()
                .extracting(AreaExecutionCompleted::status).isEqualTo(ExecutionStatus.NOT_TRIGGERED);
        String second = fire(T1.plusSeconds(60));
        assertThat(harness.recorded(TaskCreated.class).get(1).payload()).containsEntry("lastSeenHash", "abc123");

        // and a poll that did not change but whose condition holds (status >= 500) triggers
        run(ExecutionTasks.actionTaskId(second), 1, Outcome.SUCCESS,
                Map.of("status", 503, "bodyHash", "abc123", "triggered", false));
        assertThat(harness.recorded(AreaActionCompleted.class).get(1).triggered()).isTrue();
        assertThat(harness.recorded(TaskCreated.class)).extracting(TaskCreated::taskId)
                .contains(ExecutionTasks.reactionTaskId(second, 0));
    }

    @Test
    void a_failed_action_fails_the_execution() {
        define(TICK, log(null));
        String executionId = fire(T1);

        run(ExecutionTasks.actionTaskId(executionId), 1, Outcome.FAILURE, Map.of());
        run(ExecutionTasks.actionTaskId(executionId), 2, Outcome.FAILURE, Map.of());

        assertThat(harness.recorded(AreaActionCompleted.class)).singleElement()
                .satisfies(a -> assertThat(a.outcome()).isEqualTo(Outcome.FAILURE))
                .satisfies(a -> assertThat(a.output()).containsKey("error"));
        assertThat(harness.recorded(AreaExecutionCompleted.class)).singleElement()
                .extracting(AreaExecutionCompleted::status).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void a_task_create_reaction_submits_the_task_its_agent_rendered() {
        define(TICK, new ReactionSpec("task.create", Map.of("type", "sleep", "payload", Map.of("millis", 5)), null,
                null));
        String executionId = fire(T1);
        run(ExecutionTasks.actionTaskId(executionId), 1, Outcome.SUCCESS, Map.of());

        run(ExecutionTasks.reactionTaskId(executionId, 0), 1, Outcome.SUCCESS,
                Map.of("createTask", Map.of("type", "sleep", "payload", Map.of("millis", 7))));

        assertThat(harness.recorded(TaskCreated.class)).filteredOn(t -> t.type().equals("sleep")).singleElement()
                .satisfies(t -> assertThat(t.taskId()).isEqualTo(ExecutionTasks.createdTaskId(executionId, 0)))
                .satisfies(t -> assertThat(t.payload()).isEqualTo(Map.of("millis", 7)))
                .satisfies(t -> assertThat(t.origin()).isNull());
        assertThat(harness.recorded(AreaExecutionCompleted.class)).singleElement()
                .extracting(AreaExecutionCompleted::status).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void each_finished_execution_is_counted_by_its_status() {
        // given an AREA whose action ticks
        define(TICK, log(null));

        // when one execution succeeds and the next one's action fails twice (out of attempts)
        String succeeded = fire(T1);
        run(ExecutionTasks.actionTaskId(succeeded), 1, Outcome.SUCCESS, Map.of());
        run(ExecutionTasks.reactionTaskId(succeeded, 0), 1, Outcome.SUCCESS, Map.of());
        String failed = fire(T1.plusSeconds(60));
        run(ExecutionTasks.actionTaskId(failed), 1, Outcome.FAILURE, Map.of());
        run(ExecutionTasks.actionTaskId(failed), 2, Outcome.FAILURE, Map.of());

        // then aviary_area_executions_total has one SUCCEEDED and one FAILED, and a zero for the other statuses
        assertThat(executions(ExecutionStatus.SUCCEEDED)).isEqualTo(1.0);
        assertThat(executions(ExecutionStatus.FAILED)).isEqualTo(1.0);
        assertThat(executions(ExecutionStatus.PARTIALLY_FAILED)).isZero();
        assertThat(executions(ExecutionStatus.NOT_TRIGGERED)).isZero();
    }

    private double executions(ExecutionStatus status) {
        return harness.meters.get("aviary.area.executions").tag("status", status.name()).counter().count();
    }

    @Test
    void a_replay_of_every_event_creates_nothing_twice() {
        // given two executions: one complete, one whose reaction is still running
        define(TICK, log(null), log("false"));
        String done = fire(T1);
        run(ExecutionTasks.actionTaskId(done), 1, Outcome.SUCCESS, Map.of());
        run(ExecutionTasks.reactionTaskId(done, 0), 1, Outcome.SUCCESS, Map.of());
        String running = fire(T1.plusSeconds(60));
        run(ExecutionTasks.actionTaskId(running), 1, Outcome.SUCCESS, Map.of());
        List<EventMessage<?>> history = harness.recorded();
        harness.clearRecorded();

        // when a restarted process sees every event again (a token reset, a crash before the token was saved)
        harness.replay(history);

        // then no task, fire or execution step happened again
        assertThat(harness.recorded()).isEmpty();

        // and the running execution still finishes when its reaction does
        run(ExecutionTasks.reactionTaskId(running, 0), 1, Outcome.SUCCESS, Map.of());
        assertThat(harness.recorded(AreaExecutionCompleted.class)).singleElement()
                .satisfies(e -> assertThat(e.executionId()).isEqualTo(running));
    }
}
