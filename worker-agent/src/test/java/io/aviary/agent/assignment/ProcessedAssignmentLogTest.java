package io.aviary.agent.assignment;

import io.aviary.agent.AgentJson;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.events.task.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessedAssignmentLogTest {

    private static final Assignment SLEEP = new Assignment("task-1", "sleep", 1, Map.of("millis", 5), 30_000);
    private static final Assignment NOOP = new Assignment("task-2", "noop", 1, Map.of(), 30_000);

    @TempDir
    Path dir;

    @Test
    void aRedeliveredAssignmentIsSkippedEvenAfterAReload() {
        // given an attempt accepted and synced
        try (ProcessedAssignmentLog log = open()) {
            assertThat(log.accept(SLEEP)).isTrue();
            log.sync();
            // when the same assignment arrives again, then it is known
            assertThat(log.accept(SLEEP)).isFalse();
        }

        // when the agent restarts and the assignment is redelivered
        try (ProcessedAssignmentLog reloaded = open()) {
            // then it is still known, and the next attempt of the task is not
            assertThat(reloaded.accept(SLEEP)).isFalse();
            assertThat(reloaded.contains(new AttemptKey("task-1", 1))).isTrue();
            assertThat(reloaded.accept(new Assignment("task-1", "sleep", 2, Map.of(), 0))).isTrue();
        }
    }

    @Test
    void aReloadResumesExactlyTheUnfinishedAttemptsWithTheirPayloadAndResult() {
        // given one attempt accepted, one executed but not reported, one reported
        Assignment reported = new Assignment("task-3", "noop", 2, Map.of(), 0);
        try (ProcessedAssignmentLog log = open()) {
            log.accept(SLEEP);
            log.accept(NOOP);
            log.accept(reported);
            log.sync();
            log.executed(NOOP.key(), new ExecutionResult(Outcome.WARNING, Map.of("k", "v"), "careful"));
            log.executed(reported.key(), ExecutionResult.success());
            log.finish(reported.key(), AttemptState.REPORTED, "SUCCESS");
        }

        // when reloaded
        try (ProcessedAssignmentLog reloaded = open()) {
            // then the accepted one is owed with its full assignment, the executed one with its result
            assertThat(reloaded.unfinished()).containsExactly(
                    new LoggedAttempt(SLEEP, AttemptState.ACCEPTED, null),
                    new LoggedAttempt(NOOP, AttemptState.EXECUTED,
                            new ExecutionResult(Outcome.WARNING, Map.of("k", "v"), "careful")));
            assertThat(reloaded.state(reported.key())).contains(AttemptState.REPORTED);
            assertThat(reloaded.size()).isEqualTo(3);
        }
    }

    @Test
    void staleAndDroppedAttemptsAreFinal() {
        try (ProcessedAssignmentLog log = open()) {
            log.accept(SLEEP);
            log.accept(NOOP);
            log.finish(SLEEP.key(), AttemptState.STALE, "start answered 409");
            log.finish(NOOP.key(), AttemptState.DROPPED, "CANCELLED", false);
            log.sync();
        }

        try (ProcessedAssignmentLog reloaded = open()) {
            assertThat(reloaded.unfinished()).isEmpty();
            assertThat(reloaded.state(SLEEP.key())).contains(AttemptState.STALE);
            assertThat(reloaded.accept(NOOP)).isFalse();
        }
    }

    @Test
    void aLineTornByACrashIsCutOffAndTheLogStaysUsable() throws Exception {
        // given a log whose last write was cut short by a crash
        try (ProcessedAssignmentLog log = open()) {
            log.accept(SLEEP);
            log.sync();
        }
        Path file = dir.resolve("assignments.log");
        Files.write(file, "{\"op\":\"ACCEPTED\",\"taskId\":\"task-2\",\"att".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);

        // when it is reopened and written to
        try (ProcessedAssignmentLog reloaded = open()) {
            assertThat(reloaded.contains(SLEEP.key())).isTrue();
            assertThat(reloaded.contains(NOOP.key())).isFalse();
            assertThat(reloaded.accept(NOOP)).isTrue();
            reloaded.sync();
        }

        // then every line is whole again
        try (ProcessedAssignmentLog again = open()) {
            assertThat(again.contains(NOOP.key())).isTrue();
            assertThat(again.size()).isEqualTo(2);
        }
        assertThat(Files.readAllLines(file)).hasSize(2).allMatch(line -> line.startsWith("{") && line.endsWith("}"));
    }

    private ProcessedAssignmentLog open() {
        return ProcessedAssignmentLog.open(dir.resolve("assignments.log"), AgentJson.newMapper(), Clock.systemUTC());
    }
}
