package io.aviary.agent.assignment;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The file side of the {@link ProcessedAssignmentLog}: the replay at open (a torn last line cut off, the file read as
 * a stream, never whole) and the rewrite that compaction is. The rewrite goes to {@code <file>.compact}, is synced,
 * then renamed over the log (atomic) and the directory synced: until the rename the old file is the log, complete, so
 * a {@code .compact} file found at open is the leftover of an interrupted compaction and is deleted.
 */
final class LogFile {

    private static final Logger log = LoggerFactory.getLogger(LogFile.class);
    private static final int TAIL_CHUNK = 8192;

    /** How many lines and bytes a file holds. */
    record Extent(long lines, long bytes) {
    }

    private LogFile() {
    }

    static Path compactionOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".compact");
    }

    /** Hands every readable line of the file to {@code apply}, in order; lines that cannot be read are skipped. */
    static Extent replay(Path file, ObjectMapper json, Consumer<LogRecord> apply) throws IOException {
        Path leftover = compactionOf(file);
        if (Files.deleteIfExists(leftover)) {
            log.warn("{}: deleted {} left by a compaction that did not finish (the log itself is complete)", file,
                    leftover.getFileName());
        }
        if (!Files.exists(file)) {
            return new Extent(0, 0);
        }
        long bytes = cutTornLine(file);
        long lines = 0;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    apply.accept(json.readValue(line, LogRecord.class));
                } catch (IOException | RuntimeException e) {
                    log.error("{}: skipping unreadable line {}: {}", file, lines, e.getMessage());
                }
            }
        }
        return new Extent(lines, bytes);
    }

    /**
     * Replaces the file by these lines, atomically.
     *
     * @param beforeRename closed once the new file is synced, before it replaces the old one: the stream appending to
     *                     the old file (Windows renames nothing over an open file)
     * @throws IOException when the new file cannot be written or renamed; the old one is then still the log
     */
    static Extent rewrite(Path file, ObjectMapper json, Stream<LogRecord> records, Closeable beforeRename)
            throws IOException {
        Path compaction = compactionOf(file);
        Extent written;
        try {
            written = writeSynced(compaction, json, records);
            beforeRename.close();
            Files.move(compaction, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(compaction);
            throw e;
        }
        syncDirectory(file.toAbsolutePath().getParent());
        return written;
    }

    private static Extent writeSynced(Path target, ObjectMapper json, Stream<LogRecord> records) throws IOException {
        long lines = 0;
        long bytes = 0;
        try (FileOutputStream raw = new FileOutputStream(target.toFile());
             BufferedOutputStream out = new BufferedOutputStream(raw, 1 << 16)) {
            for (Iterator<LogRecord> it = records.iterator(); it.hasNext(); ) {
                byte[] line = (json.writeValueAsString(it.next()) + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(line);
                lines++;
                bytes += line.length;
            }
            out.flush();
            raw.getFD().sync();
        }
        return new Extent(lines, bytes);
    }

    /**
     * Makes the rename durable: lines appended to the new file after a power loss that undid the rename would be lost
     * with it. A channel is interruptible (the agent interrupts slot threads to stop executors), so an interrupt is
     * set aside for the call and an interrupted force tried again. Never fails: the rename is done.
     */
    private static void syncDirectory(Path directory) {
        boolean interrupted = false;
        try {
            for (int tries = 1; ; tries++) {
                interrupted |= Thread.interrupted();
                try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                    channel.force(true);
                    return;
                } catch (ClosedByInterruptException e) {
                    if (tries == 3) {
                        log.warn("Cannot sync directory {} (interrupted {} times): a power loss could undo the"
                                + " compaction and what was appended since", directory, tries);
                        return;
                    }
                } catch (IOException e) {
                    // Windows cannot open a directory; its rename is durable once it returns.
                    log.debug("Cannot sync directory {}: {}", directory, e.toString());
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A crash in the middle of a write leaves a torn last line; it was never synced, so nothing was acknowledged on
     * its strength: drop it before appending after it. Reads only the tail.
     *
     * @return the file's length without it
     */
    private static long cutTornLine(Path file) throws IOException {
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            long length = raw.length();
            long end = lastNewline(raw, length) + 1;
            if (end < length) {
                log.warn("{}: dropping an incomplete last line ({} bytes) left by a crash", file, length - end);
                raw.setLength(end);
                raw.getFD().sync();
            }
            return end;
        }
    }

    private static long lastNewline(RandomAccessFile raw, long length) throws IOException {
        byte[] chunk = new byte[TAIL_CHUNK];
        for (long end = length; end > 0; ) {
            int size = (int) Math.min(TAIL_CHUNK, end);
            long start = end - size;
            raw.seek(start);
            raw.readFully(chunk, 0, size);
            for (int i = size - 1; i >= 0; i--) {
                if (chunk[i] == '\n') {
                    return start + i;
                }
            }
            end = start;
        }
        return -1;
    }
}
