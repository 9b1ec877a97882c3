package io.aviary.agent.assignment;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the {@link ProcessedAssignmentLog} holds in memory: the attempts still owed, whole (assignment and result, to
 * resume them), and the finished ones as key, final state and time only, in the order they finished, so that the
 * {@link LogLimits} forget from the oldest end. The same {@link #apply} serves the live log and the replay, so both
 * end in the same state. Not thread-safe: the log's lock guards it.
 */
final class AttemptMemory {

    private final LogLimits limits;
    /** In the order they were accepted: the order they are resumed in. */
    private final Map<AttemptKey, Owed> owed = new LinkedHashMap<>();
    /** In the order they finished, the oldest first. */
    private final Map<AttemptKey, Finished> finished = new LinkedHashMap<>();

    AttemptMemory(LogLimits limits) {
        this.limits = limits;
    }

    boolean contains(AttemptKey key) {
        return owed.containsKey(key) || finished.containsKey(key);
    }

    boolean owes(AttemptKey key) {
        return owed.containsKey(key);
    }

    Optional<AttemptState> state(AttemptKey key) {
        Owed attempt = owed.get(key);
        if (attempt != null) {
            return Optional.of(attempt.attempt().state());
        }
        return Optional.ofNullable(finished.get(key)).map(Finished::state);
    }

    /**
     * Applies one line of the log, then forgets what the limits no longer cover (as of {@code now}).
     *
     * @throws IllegalStateException for an {@code EXECUTED} line of an attempt that is not owed
     */
    void apply(LogRecord record, Instant now) {
        AttemptKey key = record.key();
        AttemptState state = record.state();
        Instant at = record.instant(now);
        switch (state) {
            case ACCEPTED -> {
                if (!owed.containsKey(key)) {
                    // After a final line only when that attempt had been forgotten and came back: owed again.
                    finished.remove(key);
                    owed.put(key, new Owed(new LoggedAttempt(record.assignment(), state, null), at, null));
                }
            }
            case EXECUTED -> {
                Owed current = owed.get(key);
                if (current == null) {
                    throw new IllegalStateException(state + " for " + key + ", which is not owed");
                }
                owed.put(key, new Owed(new LoggedAttempt(current.attempt().assignment(), state, record.result()),
                        current.acceptedAt(), at));
            }
            default -> {
                // Without an ACCEPTED line before it: a finished attempt as compaction wrote it.
                owed.remove(key);
                finished.remove(key); // a second final state counts from its own time
                finished.put(key, new Finished(state, at));
                forget(now);
            }
        }
    }

    /**
     * Forgets the finished attempts that are older than the retention or beyond the maximum count, oldest first.
     * Finish order is time order unless the clock went back; then an entry waits for those before it.
     */
    int forget(Instant now) {
        Instant oldestKept = now.minus(limits.finishedRetention());
        int forgotten = 0;
        for (Iterator<Finished> oldestFirst = finished.values().iterator(); oldestFirst.hasNext(); ) {
            Finished oldest = oldestFirst.next();
            if (finished.size() <= limits.maxFinished() && !oldest.at().isBefore(oldestKept)) {
                break;
            }
            oldestFirst.remove();
            forgotten++;
        }
        return forgotten;
    }

    /** Attempts still owed, in the order they were accepted. */
    List<LoggedAttempt> unfinished() {
        return owed.values().stream().map(Owed::attempt).toList();
    }

    int size() {
        return owed.size() + finished.size();
    }

    int finishedCount() {
        return finished.size();
    }

    /** How many lines {@link #compacted()} has: one per finished attempt, one or two per owed one. */
    long liveLines() {
        long owedLines = owed.values().stream().mapToLong(a -> a.attempt().state() == AttemptState.EXECUTED ? 2 : 1)
                .sum();
        return finished.size() + owedLines;
    }

    /**
     * Everything remembered as lines: the finished attempts first, in the order they finished (so a replay forgets
     * in the same order), then the owed ones in the order they were accepted, each as its ACCEPTED line and, once it
     * ran, its EXECUTED line. Lazy: nothing is copied.
     */
    Stream<LogRecord> compacted() {
        Stream<LogRecord> done = finished.entrySet().stream()
                .map(entry -> LogRecord.finished(entry.getKey(), entry.getValue().state(), null,
                        entry.getValue().at()));
        Stream<LogRecord> due = owed.values().stream().flatMap(Owed::lines);
        return Stream.concat(done, due);
    }

    /** An attempt still owed, with the times of its lines (kept across compactions). */
    private record Owed(LoggedAttempt attempt, Instant acceptedAt, Instant executedAt) {

        Stream<LogRecord> lines() {
            LogRecord accepted = LogRecord.accepted(attempt.assignment(), acceptedAt);
            return attempt.state() == AttemptState.EXECUTED
                    ? Stream.of(accepted, LogRecord.executed(attempt.assignment().key(), attempt.result(), executedAt))
                    : Stream.of(accepted);
        }
    }

    /** A finished attempt: all that is needed to refuse a redelivery, and when it finished (to forget it). */
    private record Finished(AttemptState state, Instant at) {
    }
}
