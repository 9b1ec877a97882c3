package io.aviary.command.dispatch;

import io.aviary.command.task.TaskCommands.RequeueTask;
import io.aviary.command.task.TaskCommands.TimeOutTask;
import io.aviary.events.worker.WorkerState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptSweepTest {

    private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");

    private final AttemptSweep sweep = new AttemptSweep();

    @Test
    void only_overdue_attempts_time_out_started_or_not() {
        List<OpenAttempt> attempts = List.of(
                new OpenAttempt("overdue-unstarted", 1, "w", false, NOW.minusMillis(1)),
                new OpenAttempt("overdue-running", 2, "w", true, NOW),
                new OpenAttempt("in-time", 1, "w", true, NOW.plusMillis(1)));

        List<Object> commands = sweep.sweep(attempts, Map.of("w", WorkerState.WORKING), NOW);

        assertThat(commands).containsExactly(new TimeOutTask("overdue-unstarted", 1),
                new TimeOutTask("overdue-running", 2));
    }

    @Test
    void the_attempts_of_a_down_or_deregistered_worker_are_requeued_not_timed_out() {
        List<OpenAttempt> attempts = List.of(
                new OpenAttempt("on-down", 3, "down", true, NOW.minusSeconds(10)),
                new OpenAttempt("on-gone", 1, "gone", false, NOW.plusSeconds(10)),
                new OpenAttempt("on-draining", 1, "draining", true, NOW.plusSeconds(10)));
        Map<String, WorkerState> states = Map.of("down", WorkerState.DOWN, "gone", WorkerState.DEREGISTERED,
                "draining", WorkerState.DRAINING);

        List<Object> commands = sweep.sweep(attempts, states, NOW);

        assertThat(commands).containsExactly(new RequeueTask("on-down", 3, "worker down"),
                new RequeueTask("on-gone", 1, "worker deregistered"));
    }
}
