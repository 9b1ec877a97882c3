package io.aviary.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/** A server's data folder: under the configured root (kept), or a temporary one (deleted on close). */
record DataDirectory(Path path, boolean temporary) {

    private static final Duration STALE_AFTER = Duration.ofMinutes(10);

    static DataDirectory under(Path root, String name) {
        try {
            if (root == null) {
                return new DataDirectory(Files.createTempDirectory(prefix(name)), true);
            }
            return new DataDirectory(Files.createDirectories(root.resolve(name)), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory for " + name, e);
        }
    }

    /**
     * Deletes temporary folders of {@code name} left by JVMs that were killed (no shutdown hook ran): older than
     * ten minutes and with a lock file nobody holds. The server locks {@code lockFile} while it runs (Kafka:
     * {@code .lock}), so a folder in use by another JVM is never touched.
     */
    static void deleteStale(String name, String lockFile) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Instant staleBefore = Instant.now().minus(STALE_AFTER);
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(tmp, prefix(name) + "*")) {
            for (Path folder : folders) {
                Path lock = folder.resolve(lockFile);
                if (Files.isRegularFile(lock)
                        && Files.getLastModifiedTime(folder).toInstant().isBefore(staleBefore)
                        && nobodyHolds(lock)) {
                    new DataDirectory(folder, true).deleteIfTemporary();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: a leftover folder costs disk space, not correctness.
        }
    }

    private static boolean nobodyHolds(Path lock) throws IOException {
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
             FileLock held = channel.tryLock()) {
            return held != null;
        } catch (OverlappingFileLockException e) {
            return false; // held by this JVM
        }
    }

    private static String prefix(String name) {
        return "aviary-" + name + "-";
    }

    /** Deletes the folder if it is temporary; best effort, a leftover temp folder harms nobody. */
    void deleteIfTemporary() {
        if (!temporary) {
            return;
        }
        try {
            Folders.delete(path);
        } catch (IOException e) {
            // Not fatal: the OS cleans the temp folder eventually.
        }
    }
}
