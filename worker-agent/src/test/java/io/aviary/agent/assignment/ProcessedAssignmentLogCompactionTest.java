package io.aviary.agent.assignment;

import io.aviary.agent.AgentJson;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.events.task.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** How the processed-assignment log stays bounded without losing what it must remember. */
class ProcessedAssignmentLogCompactionTest {

    private static final long MB = 1_000_000;
    private static final Assignment SLEEP = new Assignment("task-sleep", "sleep", 1, Map.of("millis", 5), 30_000);
    private static final Assignment NOOP = new Assignment("task-noop", "noop", 2, Map.of("k", "v"), 0);
    private static final ExecutionResult WARNED = new ExecutionResult(Outcome.WARNING, Map.of("k", "v"), "careful");
    /** Few finished attempts and a small file, so that a test passes the limits quickly. */
    private static final LogLimits SMALL = new LogLimits(Duration.ofDays(7), 100, 64 * 1024);
    /** Limits no test here reaches. */
    private static final LogLimits NONE_FORGOTTEN = new LogLimits(Duration.ofDays(365), 1_000_000, Long.MAX_VALUE);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T08:00:00.123456789Z"));

    @Test
    void anAgentThatFinishedMoreAttemptsThanTheLimitRemembersOnlyTheNewestInAFileOfAbout120BytesEach()
            throws Exception {
        // given an agent with the default limits (100,000 finished attempts) that finished 150,000 attempts
        int finished = 150_000;
        try (ProcessedAssignmentLog log = open(Clock.systemUTC(), LogLimits.DEFAULTS)) {
            for (int i = 0; i < finished; i++) {
                Assignment assignment = new Assignment(uuid(i), "noop", 1, Map.of(), 30_000);
                log.accept(assignment);
                log.finish(assignment.key(), AttemptState.REPORTED, "SUCCESS", false);
            }
            log.sync();
            assertThat(log.size()).isEqualTo(100_000);
        }

        // when it restarts
        try (ProcessedAssignmentLog reloaded = open(Clock.systemUTC(), LogLimits.DEFAULTS)) {
            // then it remembers the newest 100,000 only
            assertThat(reloaded.size()).isEqualTo(100_000);
            assertThat(reloaded.contains(new AttemptKey(uuid(finished - 1), 1))).isTrue();
            assertThat(reloaded.contains(new AttemptKey(uuid(finished - 100_000), 1))).isTrue();
            assertThat(reloaded.contains(new AttemptKey(uuid(finished - 100_001), 1))).isFalse();
            // and the file holds one line per remembered attempt, about 120 bytes (UUID task id, time in ns)
            long bytesPerAttempt = Files.size(file()) / reloaded.size();
            assertThat(Files.readAllLines(file())).hasSize(100_000);
            assertThat(bytesPerAttempt).isBetween(100L, 128L);
            // so at the default limits the file, and a compaction's copy beside it, stay far below 200 MB
            long peakDisk = LogLimits.DEFAULTS.compactAboveBytes() + LogLimits.DEFAULTS.maxFinished() * bytesPerAttempt;
            assertThat(peakDisk).isLessThan(80 * MB);
        }
    }

    @Test
    void aRememberedFinishedAttemptIsStillRefusedAfterACompactionAndAReopen() throws Exception {
        // given a finished attempt, then more finished attempts than the limit, with payloads that pass the file size
        Assignment older = new Assignment("task-older", "noop", 1, Map.of(), 0);
        Assignment reported = new Assignment("task-reported", "noop", 1, Map.of(), 0);
        try (ProcessedAssignmentLog log = open(clock, SMALL)) {
            finishOne(log, older);
            log.accept(reported);
            log.executed(reported.key(), ExecutionResult.success(Map.of("answer", 42)));
            log.finish(reported.key(), AttemptState.REPORTED, "SUCCESS");
            long peak = 0;
            for (int i = 0; i < SMALL.maxFinished() - 1; i++) {
                finishOne(log, new Assignment("task-" + i, "http", 1, Map.of("body", "x".repeat(1_000)), 0));
                peak = Math.max(peak, Files.size(file()));
            }

            // then the file was compacted while the agent ran: never much past its limit, the big payloads gone
            assertThat(peak).isLessThan(SMALL.compactAboveBytes() + 2_000);
            assertThat(Files.readString(file())).doesNotContain("\"op\":\"ACCEPTED\",\"taskId\":\"task-reported\"");
            // and a redelivery of the finished attempt is still refused; the one past the limit is forgotten
            assertThat(log.accept(reported)).isFalse();
            assertThat(log.contains(older.key())).isFalse();
        }

        // when the agent restarts and the assignment is redelivered
        try (ProcessedAssignmentLog reloaded = open(clock, SMALL)) {
            // then it is still refused, as REPORTED
            assertThat(reloaded.state(reported.key())).contains(AttemptState.REPORTED);
            assertThat(reloaded.accept(reported)).isFalse();
            assertThat(reloaded.size()).isEqualTo(SMALL.maxFinished());
        }
    }

    @Test
    void unfinishedAttemptsSurviveCompactionsAndAreResumedAfterAReopenHoweverOld() throws Exception {
        // given an attempt accepted and one executed but not reported
        try (ProcessedAssignmentLog log = open(clock, SMALL)) {
            log.accept(SLEEP);
            log.accept(NOOP);
            log.sync();
            log.executed(NOOP.key(), WARNED);
            // when weeks pass and many attempts finish after them (compactions on the way)
            clock.advance(Duration.ofDays(20));
            for (int i = 0; i < 3 * SMALL.maxFinished(); i++) {
                finishOne(log, new Assignment("task-" + i, "http", 1, Map.of("body", "x".repeat(1_000)), 0));
            }
            assertThat(Files.size(file())).isLessThan(SMALL.compactAboveBytes() + 2_000);
        }

        // and the agent restarts once those are older than the retention too
        clock.advance(Duration.ofDays(8));
        try (ProcessedAssignmentLog reloaded = open(clock, SMALL)) {
            // then exactly the two owed attempts are resumed, with their payload and result
            assertThat(reloaded.unfinished()).containsExactly(
                    new LoggedAttempt(SLEEP, AttemptState.ACCEPTED, null),
                    new LoggedAttempt(NOOP, AttemptState.EXECUTED, WARNED));
            assertThat(reloaded.size()).isEqualTo(2);
            assertThat(Files.readAllLines(file())).hasSize(3); // ACCEPTED, ACCEPTED, EXECUTED
            // and they can still be finished
            reloaded.finish(NOOP.key(), AttemptState.REPORTED, "WARNING");
            assertThat(reloaded.accept(NOOP)).isFalse();
        }
    }

    @Test
    void aFinishedAttemptIsForgottenOnceOlderThanTheRetentionAndNotBefore() {
        // given an attempt finished 8 days ago and one finished 6 days ago
        Assignment eightDaysAgo = new Assignment("task-8d", "noop", 1, Map.of(), 0);
        Assignment sixDaysAgo = new Assignment("task-6d", "noop", 1, Map.of(), 0);
        try (ProcessedAssignmentLog log = open(clock, LogLimits.DEFAULTS)) {
            finishOne(log, eightDaysAgo);
            clock.advance(Duration.ofDays(2));
            finishOne(log, sixDaysAgo);
            log.sync();
        }
        clock.advance(Duration.ofDays(6));

        // when the agent restarts and both assignments are redelivered
        try (ProcessedAssignmentLog reloaded = open(clock, LogLimits.DEFAULTS)) {
            // then the one within the 7 days is refused, the older one is taken as new
            assertThat(reloaded.accept(sixDaysAgo)).isFalse();
            assertThat(reloaded.accept(eightDaysAgo)).isTrue();
            assertThat(reloaded.unfinished()).containsExactly(new LoggedAttempt(eightDaysAgo, AttemptState.ACCEPTED,
                    null));
        }
    }

    @Test
    void manyDeadLinesAreCompactedAwayWhileTheFileIsStillSmallerThanItsSizeLimit() throws Exception {
        // given limits of 1,000 finished attempts and the default 64 MiB
        LogLimits limits = new LogLimits(Duration.ofDays(7), 1_000, LogLimits.DEFAULTS.compactAboveBytes());
        try (ProcessedAssignmentLog log = open(clock, limits)) {
            // when 6,000 attempts finish (two lines each: 12,000 lines, 1,000 of them still needed)
            for (int i = 0; i < 6_000; i++) {
                finishOne(log, new Assignment("task-" + i, "noop", 1, Map.of(), 0));
            }

            // then the file was rewritten once dead lines passed 10,000 and twice the live ones
            assertThat(Files.size(file())).isLessThan(limits.compactAboveBytes() / 100);
            assertThat(Files.readAllLines(file())).hasSizeLessThan(3_000);
            assertThat(log.size()).isEqualTo(1_000);
        }
    }

    @Test
    void aCompactionCutShortByACrashLeavesTheOldFileInChargeAndItsLeftoverIsDeletedAtOpen() throws Exception {
        // given a log that owes two attempts (nothing in it to compact)
        try (ProcessedAssignmentLog log = open(clock, NONE_FORGOTTEN)) {
            log.accept(SLEEP);
            log.accept(NOOP);
            log.sync();
            log.executed(NOOP.key(), WARNED);
        }
        // and the half-written copy of a compaction that a crash interrupted before its rename, without SLEEP
        Path leftover = dir.resolve("assignments.log.compact");
        Files.writeString(leftover, "{\"op\":\"ACCEPTED\",\"taskId\":\"task-noop\",\"attempt\":2,\"type\":\"no",
                StandardCharsets.UTF_8);

        // when the agent restarts
        try (ProcessedAssignmentLog reloaded = open(clock, NONE_FORGOTTEN)) {
            // then the log is the old file: both owed attempts are resumed as they were
            assertThat(reloaded.unfinished()).containsExactly(
                    new LoggedAttempt(SLEEP, AttemptState.ACCEPTED, null),
                    new LoggedAttempt(NOOP, AttemptState.EXECUTED, WARNED));
            // and the leftover is gone, the log writable
            assertThat(leftover).doesNotExist();
            reloaded.finish(NOOP.key(), AttemptState.REPORTED, "WARNING");
        }
        try (ProcessedAssignmentLog again = open(clock, NONE_FORGOTTEN)) {
            assertThat(again.unfinished()).extracting(LoggedAttempt::assignment).containsExactly(SLEEP);
            assertThat(again.accept(NOOP)).isFalse();
        }
        assertThat(Files.readAllLines(file())).hasSize(2).allMatch(line -> line.startsWith("{") && line.endsWith("}"));
    }

    private static void finishOne(ProcessedAssignmentLog log, Assignment assignment) {
        log.accept(assignment);
        log.finish(assignment.key(), AttemptState.REPORTED, "SUCCESS", false);
    }

    private ProcessedAssignmentLog open(Clock at, LogLimits limits) {
        return ProcessedAssignmentLog.open(file(), AgentJson.newMapper(), at, limits);
    }

    private Path file() {
        return dir.resolve("assignments.log");
    }

    private static String uuid(int i) {
        return new UUID(0x5eed_0000_0000_0000L, i).toString();
    }

    /** A clock the test moves forward. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

}
