package io.aviary.standalone;

import io.aviary.infra.Folders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The standalone platform's {@code --home}: one platform instance lives in {@code data/} (PostgreSQL, Kafka, the
 * read models, the agents' credentials and the generated secrets), so whatever is kept or wiped is kept or wiped
 * together, and a second start finds agents the event store knows (ADR 15). {@link #open} decides what the coming
 * start keeps and says why in {@link #notes()}.
 */
final class PlatformHome {

    static final String ADMIN_PASSWORD_FILE = "admin-password";
    static final String SECRETS_KEY_FILE = "secrets-key";
    /** Present while a launcher runs on this home; found at start, it means the last run did not stop cleanly. */
    static final String RUNNING_MARKER = "launcher.running";
    /** Held by the running launcher (in {@code --home}, outside {@code data/}, which {@code --fresh} deletes). */
    static final String LOCK_FILE = "launcher.lock";

    private final Path dataDir;
    private final Function<String, String> env;
    private final List<String> notes = new ArrayList<>();
    private FileChannel lockChannel;
    private boolean readModelsReset;
    private boolean adminPasswordGenerated;

    private PlatformHome(Path dataDir, Function<String, String> env) {
        this.dataDir = dataDir;
        this.env = env;
    }

    /**
     * Prepares {@code options.dataDir()} for a start: wiped with {@code --fresh}; wiped when the event store it
     * belonged to is gone; read models dropped (to be rebuilt from Kafka) when the last run ended without a clean
     * stop. Then marks the home as in use.
     */
    static PlatformHome open(StandaloneOptions options, Function<String, String> env) {
        PlatformHome home = new PlatformHome(options.dataDir(), name -> blankToNull(env.apply(name)));
        home.prepare(options);
        return home;
    }

    private void prepare(StandaloneOptions options) {
        lock(options.home());
        Path legacyAgents = options.home().resolve("agents");
        if (Files.isDirectory(legacyAgents)) {
            // Earlier versions kept agent credentials here while the servers' data was fresh on every start.
            delete(legacyAgents);
            notes.add("removed agent credentials of an earlier version from " + legacyAgents);
        }
        boolean embeddedPostgres = env.apply("AVIARY_POSTGRES_URL") == null;
        if (options.fresh()) {
            if (Files.exists(dataDir)) {
                delete(dataDir);
                notes.add("--fresh: wiped " + dataDir);
            }
        } else if (embeddedPostgres && Files.isDirectory(dataDir) && !Files.isDirectory(dataDir.resolve("postgres"))) {
            // Agent credentials, read models and secrets without the event store that issued them are useless.
            delete(dataDir);
            notes.add("the event store in " + dataDir.resolve("postgres") + " is gone: wiped the rest of " + dataDir
                    + " that belonged to it");
        } else if (Files.exists(dataDir.resolve(RUNNING_MARKER))) {
            // The read-model file may lag the Kafka offsets the projections committed: rebuild from the event log.
            readModelsReset = true;
            if (env.apply("AVIARY_MONGODB_URI") == null) {
                delete(dataDir.resolve("mongo"));
            }
            notes.add("the last run did not stop cleanly: the read models are rebuilt from the event log");
        }
        try {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve(RUNNING_MARKER), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + dataDir, e);
        }
    }

    /** Whether the projections must replay the event log from offset 0 (their read models were dropped). */
    boolean readModelsReset() {
        return readModelsReset;
    }

    /** What {@link #open} did to the data, for the start-up output. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * {@code AVIARY_ADMIN_PASSWORD}, else the password generated at this instance's first start (kept in
     * {@code data/admin-password}, mode 0600), else a new one stored there.
     */
    String adminPassword() {
        String configured = env.apply("AVIARY_ADMIN_PASSWORD");
        if (configured != null) {
            return configured;
        }
        String stored = read(ADMIN_PASSWORD_FILE);
        if (stored != null) {
            return stored;
        }
        adminPasswordGenerated = true;
        return store(ADMIN_PASSWORD_FILE, randomBase64(18, Base64.getUrlEncoder().withoutPadding()));
    }

    /** Whether {@link #adminPassword()} made a new password (the first start of this instance). */
    boolean adminPasswordGenerated() {
        return adminPasswordGenerated;
    }

    Path adminPasswordFile() {
        return dataDir.resolve(ADMIN_PASSWORD_FILE);
    }

    /** {@code AVIARY_SECRETS_KEY}, else the instance's key (stored secrets stay readable across restarts). */
    String secretsKey() {
        String configured = env.apply("AVIARY_SECRETS_KEY");
        if (configured != null) {
            return configured;
        }
        String stored = read(SECRETS_KEY_FILE);
        return stored != null ? stored : store(SECRETS_KEY_FILE, randomBase64(32, Base64.getEncoder()));
    }

    /** After a clean stop: the next start may trust the read-model file. Releases the home. */
    void markStopped() {
        try {
            Files.deleteIfExists(dataDir.resolve(RUNNING_MARKER));
        } catch (IOException e) {
            // The next start then rebuilds the read models: slower, never wrong.
        }
        release();
    }

    /** Releases the home without marking it stopped (as a crash does): the next start rebuilds the read models. */
    void release() {
        try {
            lockChannel.close();
        } catch (IOException e) {
            // The lock ends with the process anyway.
        }
    }

    /** One launcher per home: a second one would take the first one's marker for a crash and drop its read models. */
    private void lock(Path home) {
        try {
            Files.createDirectories(home);
            lockChannel = FileChannel.open(home.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                lockChannel.close();
                throw new IllegalStateException("another Aviary launcher runs on " + home
                        + "; stop it first, or start this one with another --home");
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("this JVM already runs a launcher on " + home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + home.resolve(LOCK_FILE), e);
        }
    }

    private String read(String file) {
        Path path = dataDir.resolve(file);
        try {
            return Files.isRegularFile(path) ? blankToNull(Files.readString(path, StandardCharsets.UTF_8)) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private String store(String file, String value) {
        Path path = dataDir.resolve(file);
        try {
            Files.deleteIfExists(path);
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(path, value, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return value;
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the folder's own access rules apply.
            try {
                Files.writeString(path, value, StandardCharsets.UTF_8);
                return value;
            } catch (IOException io) {
                throw new UncheckedIOException("cannot write " + path, io);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    private static String randomBase64(int bytes, Base64.Encoder encoder) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return encoder.encodeToString(random);
    }

    private static void delete(Path root) {
        try {
            Folders.delete(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + " (is another launcher using it?)", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
