package io.aviary.agent.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.events.task.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's durable memory of every attempt it took on: an append-only file of JSON lines (one state change per
 * line), replayed into a map at start. It is what makes a redelivered assignment run once and what lets a restarted
 * agent resume exactly the attempts it still owes (see {@link AssignmentIntake} for the whole argument).
 *
 * <p>Writes go straight to the file (a {@link FileOutputStream}, not a {@code FileChannel}: an interrupt, which the
 * agent uses to stop executors and retries, would close an interruptible channel for every thread);
 * {@link #sync()} forces them to disk. {@link #accept} does not sync, so
 * that a polled batch costs one fsync: the intake syncs once before it commits the batch's offsets. State changes
 * after that ({@link #executed}, {@link #finish}) sync by default.
 *
 * <p>A crash in the middle of a write leaves a torn last line; it was never synced, so nothing was acknowledged on its
 * strength, and {@link #open} cuts it off. The file is not compacted (one line per state change, a few hundred bytes
 * each).
 */
public final class ProcessedAssignmentLog implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(ProcessedAssignmentLog.class);

    private final Path file;
    private final FileOutputStream out;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<AttemptKey, LoggedAttempt> attempts;

    private ProcessedAssignmentLog(Path file, FileOutputStream out, ObjectMapper json, Clock clock,
                                   Map<AttemptKey, LoggedAttempt> attempts) {
        this.file = file;
        this.out = out;
        this.json = json;
        this.clock = clock;
        this.attempts = attempts;
    }

    /** Opens (or creates) the log and replays it. */
    public static ProcessedAssignmentLog open(Path file, ObjectMapper json, Clock clock) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Map<AttemptKey, LoggedAttempt> attempts = replay(file, json);
            FileOutputStream out = new FileOutputStream(file.toFile(), true);
            log.info("Processed-assignment log {}: {} attempts known, {} unfinished", file, attempts.size(),
                    attempts.values().stream().filter(a -> !a.state().isFinal()).count());
            return new ProcessedAssignmentLog(file, out, json, clock, attempts);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open processed-assignment log " + file, e);
        }
    }

    /** Whether the attempt was ever accepted (whatever became of it). */
    public synchronized boolean contains(AttemptKey key) {
        return attempts.containsKey(key);
    }

    /** The attempt's current state, if it was ever accepted. */
    public synchronized Optional<AttemptState> state(AttemptKey key) {
        return Optional.ofNullable(attempts.get(key)).map(LoggedAttempt::state);
    }

    /**
     * Records a new attempt as accepted; not yet synced (call {@link #sync()}).
     *
     * @return {@code false} when the attempt is already known: a redelivery, to be skipped
     */
    public synchronized boolean accept(Assignment assignment) {
        if (attempts.containsKey(assignment.key())) {
            return false;
        }
        append(new LogRecord("ACCEPTED", assignment.taskId(), assignment.attempt(), assignment.type(),
                assignment.payload(), assignment.timeoutMs(), null, null, null, clock.instant().toString()), false);
        attempts.put(assignment.key(), new LoggedAttempt(assignment, AttemptState.ACCEPTED, null));
        return true;
    }

    /** Records the result of a run (synced): from now on the attempt is only reported, never run again. */
    public synchronized void executed(AttemptKey key, ExecutionResult result) {
        LoggedAttempt current = known(key);
        append(new LogRecord("EXECUTED", key.taskId(), key.attempt(), null, null, null, result.outcome(),
                result.output(), result.message(), clock.instant().toString()), true);
        attempts.put(key, new LoggedAttempt(current.assignment(), AttemptState.EXECUTED, result));
    }

    /** Records a final state (synced). */
    public synchronized void finish(AttemptKey key, AttemptState state, String reason) {
        finish(key, state, reason, true);
    }

    /** Records a final state; {@code sync=false} leaves the fsync to a later {@link #sync()} (batch of the intake). */
    public synchronized void finish(AttemptKey key, AttemptState state, String reason, boolean sync) {
        if (!state.isFinal()) {
            throw new IllegalArgumentException("Not a final state: " + state);
        }
        LoggedAttempt current = known(key);
        append(new LogRecord(state.name(), key.taskId(), key.attempt(), null, null, null, null, null, reason,
                clock.instant().toString()), sync);
        attempts.put(key, new LoggedAttempt(current.assignment(), state, current.result()));
    }

    /** Forces everything written so far to disk. */
    public synchronized void sync() {
        try {
            out.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot sync " + file, e);
        }
    }

    /** Attempts still owed (accepted or executed but not final), in the order they were accepted. */
    public synchronized List<LoggedAttempt> unfinished() {
        return attempts.values().stream().filter(a -> !a.state().isFinal()).toList();
    }

    /** Number of attempts known. */
    public synchronized int size() {
        return attempts.size();
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            log.warn("Closing {} failed", file, e);
        }
    }

    private LoggedAttempt known(AttemptKey key) {
        LoggedAttempt current = attempts.get(key);
        if (current == null) {
            throw new IllegalStateException("Attempt " + key + " was never accepted");
        }
        return current;
    }

    private void append(LogRecord record, boolean sync) {
        try {
            out.write((json.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
            if (sync) {
                out.getFD().sync();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + file, e);
        }
    }

    private static Map<AttemptKey, LoggedAttempt> replay(Path file, ObjectMapper json) throws IOException {
        Map<AttemptKey, LoggedAttempt> attempts = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return attempts;
        }
        byte[] content = Files.readAllBytes(file);
        int lastNewline = lastIndexOf(content, (byte) '\n');
        if (lastNewline < content.length - 1) {
            // A torn write from a crash: never synced, so never acknowledged. Drop it before appending after it.
            log.warn("{}: dropping an incomplete last line ({} bytes) left by a crash", file,
                    content.length - 1 - lastNewline);
            try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
                raw.setLength(lastNewline + 1L);
                raw.getFD().sync();
            }
        }
        String[] lines = new String(content, 0, lastNewline + 1, StandardCharsets.UTF_8).split("\n");
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                apply(json.readValue(line, LogRecord.class), attempts);
            } catch (IOException | RuntimeException e) {
                log.error("{}: skipping unreadable line {}: {}", file, number, e.getMessage());
            }
        }
        return attempts;
    }

    private static void apply(LogRecord record, Map<AttemptKey, LoggedAttempt> attempts) {
        AttemptKey key = new AttemptKey(record.taskId(), record.attempt());
        AttemptState state = AttemptState.valueOf(record.op());
        if (state == AttemptState.ACCEPTED) {
            Assignment assignment = new Assignment(record.taskId(), record.type(), record.attempt(), record.payload(),
                    record.timeoutMs() == null ? 0 : record.timeoutMs());
            attempts.putIfAbsent(key, new LoggedAttempt(assignment, state, null));
            return;
        }
        LoggedAttempt current = attempts.get(key);
        if (current == null) {
            throw new IllegalStateException(state + " for " + key + " without ACCEPTED");
        }
        ExecutionResult result = state == AttemptState.EXECUTED
                ? new ExecutionResult(record.outcome(), record.output(), record.message())
                : current.result();
        attempts.put(key, new LoggedAttempt(current.assignment(), state, result));
    }

    private static int lastIndexOf(byte[] content, byte value) {
        for (int i = content.length - 1; i >= 0; i--) {
            if (content[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** One line of the log. {@code op} is an {@link AttemptState} name; the other fields depend on it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LogRecord(String op, String taskId, int attempt, String type, Map<String, Object> payload, Long timeoutMs,
                     Outcome outcome, Map<String, Object> output, String message, String at) {
    }
}
