package io.aviary.agent.assignment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.agent.executor.ExecutionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The agent's durable memory of the attempts it took on: an append-only file of JSON lines (one state change per
 * line), replayed into memory at start. It is what makes a redelivered assignment run once and what lets a restarted
 * agent resume exactly the attempts it still owes (see {@link AssignmentIntake} for the whole argument).
 *
 * <p>Writes go straight to the file (a {@link FileOutputStream}, not a {@code FileChannel}: an interrupt, which the
 * agent uses to stop executors and retries, would close an interruptible channel for every thread);
 * {@link #sync()} forces them to disk. {@link #accept} does not sync, so
 * that a polled batch costs one fsync: the intake syncs once before it commits the batch's offsets. State changes
 * after that ({@link #executed}, {@link #finish}) sync by default.
 *
 * <p>A crash in the middle of a write leaves a torn last line; it was never synced, so nothing was acknowledged on its
 * strength, and {@link #open} cuts it off.
 *
 * <h2>Forgetting finished attempts, and why that is safe</h2>
 * An unfinished attempt (ACCEPTED, EXECUTED) is never forgotten. A finished one (REPORTED, STALE, DROPPED) is only
 * remembered to refuse a redelivery of its assignment, and it is forgotten once it finished longer ago than
 * {@link LogLimits#finishedRetention()} (default 7 days) <em>or</em> more than {@link LogLimits#maxFinished()}
 * (default 100,000) attempts finished after it. Kafka redelivers to the agent's group only records past its committed
 * offsets, and {@link AssignmentConsumer} commits after every polled batch; so a redelivery is normally the batches
 * polled since the last successful commit (a crash between the log sync and the commit, a failed commit): seconds, a
 * few hundred records. Forgetting is safe under these assumptions:
 * <ul>
 *     <li>the agent's consumer group commits at least once within the retention and within {@code maxFinished}
 *     assignments to this agent (a failed commit is covered by the next batch's);</li>
 *     <li>nobody moves the group's offsets back by hand past the forgotten attempts.</li>
 * </ul>
 * Kafka's retention bounds nothing here ({@code aviary.events} keeps everything), and expired group offsets
 * ({@code offsets.retention.minutes}, after the agent was away that long) are no redelivery: with no committed offset
 * at all, {@link AssignmentConsumer#prepare()} starts from the end. Should the assumptions break, a forgotten
 * attempt is accepted again and its start report decides: the command side refuses the start of an attempt that is not
 * current, or of a final task (409, recorded STALE, not run). Only an attempt whose complete report was refused
 * (recorded DROPPED) while the command side still has it running would run again, until that task times out there.
 *
 * <h2>Compaction, and the bound on disk and memory</h2>
 * The file is rewritten with only what is remembered (one line per finished attempt: key, state, time; the ACCEPTED and
 * EXECUTED lines of an owed one) at every {@link #open} that finds dead lines, and whenever it grows past
 * {@link LogLimits#compactAboveBytes()} (default 64 MiB) or has twice as many dead lines as live ones (at least
 * {@value #MIN_DEAD_LINES}). The rewrite goes to {@code <file>.compact}, is synced and renamed over the file
 * ({@link LogFile}): a crash leaves either the old file, complete, or the new one; a leftover {@code .compact} is
 * deleted at open. Compaction runs on the thread whose write crossed the threshold, under the log's lock: about 0.3 s
 * for 100,000 remembered attempts, at most once per 200,000 new lines at the limit (about 1.5 µs per line, amortized).
 *
 * <p>Numbers, with the defaults. On disk a compacted finished attempt is a line of about 116 bytes (UUID task id,
 * time in nanoseconds; {@code ProcessedAssignmentLogCompactionTest} measures it), so 100,000 of them are 12 MB; the
 * file never passes 64 MiB (plus the line that crossed it), and a compaction needs its copy beside it: 79 MB at
 * most. In memory a finished attempt is a map entry, its key (with the task id string), its state and time: about
 * 185 bytes (a heap probe on a 64-bit JVM with compressed references), under 20 MB for 100,000. Owed attempts are at
 * most the agent's slots plus its queue (the dispatcher keeps to that), each with a payload Kafka caps at its maximum
 * record size (1 MB by default). The replay streams the file line by line. An agent running for weeks at any rate thus
 * stays well under 200 MB of disk and of memory for this log; raising {@code max-finished} costs about 300 bytes per
 * attempt.
 */
public final class ProcessedAssignmentLog implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(ProcessedAssignmentLog.class);
    /** Fewer dead lines than this are not worth a rewrite (except at open, where the replay is already paid). */
    static final long MIN_DEAD_LINES = 10_000;

    private final Path file;
    private final ObjectMapper json;
    private final Clock clock;
    private final LogLimits limits;
    private final AttemptMemory memory;
    private FileOutputStream out;
    private long fileLines;
    private long fileBytes;
    /** The size that calls for a compaction: the limit, or twice what the last compaction left if that is more. */
    private long compactAboveBytes;
    /** After a failed compaction, the next try waits for this many lines. */
    private long retryCompactionAtLines;

    private ProcessedAssignmentLog(Path file, ObjectMapper json, Clock clock, LogLimits limits, AttemptMemory memory,
                                   LogFile.Extent extent) throws IOException {
        this.file = file;
        this.json = json;
        this.clock = clock;
        this.limits = limits;
        this.memory = memory;
        this.fileLines = extent.lines();
        this.fileBytes = extent.bytes();
        this.compactAboveBytes = limits.compactAboveBytes();
        this.out = new FileOutputStream(file.toFile(), true);
    }

    /** Opens (or creates) the log with the {@link LogLimits#DEFAULTS default limits} and replays it. */
    public static ProcessedAssignmentLog open(Path file, ObjectMapper json, Clock clock) {
        return open(file, json, clock, LogLimits.DEFAULTS);
    }

    /** Opens (or creates) the log, replays it, forgets what the limits no longer cover and compacts it. */
    public static ProcessedAssignmentLog open(Path file, ObjectMapper json, Clock clock, LogLimits limits) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AttemptMemory memory = new AttemptMemory(limits);
            Instant now = clock.instant();
            LogFile.Extent extent = LogFile.replay(file, json, record -> memory.apply(record, now));
            memory.forget(now);
            ProcessedAssignmentLog opened = new ProcessedAssignmentLog(file, json, clock, limits, memory, extent);
            log.info("Processed-assignment log {}: {} attempts known, {} unfinished", file, memory.size(),
                    memory.unfinished().size());
            if (opened.fileLines > memory.liveLines()) {
                opened.compact();
            }
            return opened;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open processed-assignment log " + file, e);
        }
    }

    /** Whether the attempt was accepted and is still remembered (whatever became of it). */
    public synchronized boolean contains(AttemptKey key) {
        return memory.contains(key);
    }

    /** The attempt's current state, if it was accepted and is still remembered. */
    public synchronized Optional<AttemptState> state(AttemptKey key) {
        return memory.state(key);
    }

    /**
     * Records a new attempt as accepted; not yet synced (call {@link #sync()}).
     *
     * @return {@code false} when the attempt is already known: a redelivery, to be skipped
     */
    public synchronized boolean accept(Assignment assignment) {
        if (memory.contains(assignment.key())) {
            return false;
        }
        write(LogRecord.accepted(assignment, clock.instant()), false);
        return true;
    }

    /** Records the result of a run (synced): from now on the attempt is only reported, never run again. */
    public synchronized void executed(AttemptKey key, ExecutionResult result) {
        if (!memory.owes(key)) {
            throw new IllegalStateException("Attempt " + key + " is not owed (never accepted, or already final)");
        }
        write(LogRecord.executed(key, result, clock.instant()), true);
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
        if (!memory.contains(key)) {
            throw new IllegalStateException("Attempt " + key + " was never accepted");
        }
        write(LogRecord.finished(key, state, reason, clock.instant()), sync);
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
        return memory.unfinished();
    }

    /** Number of attempts remembered: every unfinished one, and the finished ones not forgotten yet. */
    public synchronized int size() {
        return memory.size();
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            log.warn("Closing {} failed", file, e);
        }
    }

    /** File first, memory second: a line that could not be written changes nothing. */
    private void write(LogRecord record, boolean sync) {
        byte[] line;
        try {
            line = (json.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(line);
            if (sync) {
                out.getFD().sync();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + file, e);
        }
        fileLines++;
        fileBytes += line.length;
        memory.apply(record, clock.instant());
        if (compactionDue()) {
            compact();
        }
    }

    private boolean compactionDue() {
        if (fileLines < retryCompactionAtLines) {
            return false;
        }
        long live = memory.liveLines();
        long dead = fileLines - live;
        return fileBytes > compactAboveBytes || dead >= MIN_DEAD_LINES && dead > 2 * live;
    }

    /**
     * Rewrites the file with what is remembered. Everything written so far is in it, synced. A failure leaves the old
     * file as the log and is tried again {@value #MIN_DEAD_LINES} lines later.
     */
    private void compact() {
        long started = System.nanoTime();
        long linesBefore = fileLines;
        long bytesBefore = fileBytes;
        LogFile.Extent compacted;
        try {
            compacted = LogFile.rewrite(file, json, memory.compacted(), out::close);
        } catch (IOException | RuntimeException e) {
            log.warn("Compacting {} failed; it stays as it is: {}", file, e.toString());
            retryCompactionAtLines = fileLines + MIN_DEAD_LINES;
            reopen();
            return;
        }
        fileLines = compacted.lines();
        fileBytes = compacted.bytes();
        // When what is remembered is itself near the limit, rewriting it at every line would be all the log does.
        compactAboveBytes = Math.max(limits.compactAboveBytes(), 2 * fileBytes);
        retryCompactionAtLines = 0;
        reopen();
        log.info("Compacted {}: {} lines ({} bytes) to {} ({} bytes), {} finished attempts remembered, {} unfinished,"
                        + " in {} ms", file, linesBefore, bytesBefore, fileLines, fileBytes, memory.finishedCount(),
                memory.unfinished().size(), (System.nanoTime() - started) / 1_000_000);
    }

    private void reopen() {
        try {
            out.close();
            out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reopen " + file + " after compacting it", e);
        }
    }
}
