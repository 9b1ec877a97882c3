package io.aviary.agent.executor.builtin;

import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.TaskContext;
import io.aviary.events.task.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BuiltInExecutorsTest {

    @Test
    void noopSucceedsAtOnce() {
        ExecutionResult result = new NoopExecutor().execute(context("noop", 1, Map.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void sleepSucceedsAfterSleeping() throws Exception {
        ExecutionResult result = new SleepExecutor().execute(context("sleep", 1, Map.of("millis", 5)));

        assertThat(result).isEqualTo(ExecutionResult.success(Map.of("sleptMillis", 5L)));
    }

    @Test
    void sleepEndsWhenInterrupted() {
        // given a long sleep running on a thread of its own
        ExecutorService thread = Executors.newSingleThreadExecutor();
        AtomicBoolean started = new AtomicBoolean();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Future<?> sleeping = thread.submit(() -> {
            started.set(true);
            try {
                new SleepExecutor().execute(context("sleep", 1, Map.of("millis", 3_600_000)));
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        await().untilTrue(started);

        // when its thread is interrupted
        sleeping.cancel(true);

        // then it ends with InterruptedException instead of sleeping on
        await().until(() -> ended.get() != null);
        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
        thread.shutdownNow();
    }

    @Test
    void sleepRejectsANegativeDuration() throws Exception {
        ExecutionResult result = new SleepExecutor().execute(context("sleep", 1, Map.of("millis", -1)));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(result.message()).contains("millis");
    }

    @Test
    void failFailsThePlannedAttemptsThenSucceeds() {
        FailExecutor fail = new FailExecutor();
        Map<String, Object> twice = Map.of("times", 2);

        assertThat(fail.execute(context("fail", 1, twice)).outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(fail.execute(context("fail", 2, twice)).outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(fail.execute(context("fail", 3, twice)).outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(fail.execute(context("fail", 2, twice)).message()).contains("attempt 2 of 2");
    }

    @Test
    void failWithZeroTimesSucceedsAtOnce() {
        assertThat(new FailExecutor().execute(context("fail", 1, Map.of("times", 0))).outcome())
                .isEqualTo(Outcome.SUCCESS);
    }

    static TaskContext context(String type, int attempt, Map<String, Object> payload) {
        return new TaskContext("task-1", type, attempt, "worker-1", payload, Duration.ofSeconds(30));
    }
}
