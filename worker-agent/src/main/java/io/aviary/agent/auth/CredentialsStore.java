package io.aviary.agent.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps {@link AgentCredentials} in {@code <stateDir>/credentials.json}, readable by the agent's user only. The file
 * is born with mode 0600 (a temporary file created with that mode, written, synced, then renamed over the old one),
 * so the secret is never readable by others, not even for a moment between a create and a chmod.
 */
public final class CredentialsStore {

    public static final String FILE_NAME = "credentials.json";
    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Logger log = LoggerFactory.getLogger(CredentialsStore.class);

    private final Path file;
    private final ObjectMapper json;

    public CredentialsStore(Path stateDir, ObjectMapper json) {
        this.file = stateDir.resolve(FILE_NAME);
        this.json = json;
    }

    public Path file() {
        return file;
    }

    /** The saved credentials, if any. */
    public Optional<AgentCredentials> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            warnIfReadableByOthers();
            AgentCredentials credentials = json.readValue(file.toFile(), AgentCredentials.class);
            if (isBlank(credentials.workerId()) || isBlank(credentials.agentSecret())
                    || isBlank(credentials.hardwareId())) {
                throw new IOException("workerId, agentSecret or hardwareId missing");
            }
            return Optional.of(credentials);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable " + file + " (" + e.getMessage() + "); delete it and start"
                    + " the agent with a new AVIARY_AGENT_ENROLMENT_TOKEN to enrol again", e);
        }
    }

    public void save(AgentCredentials credentials) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp", ownerOnly(file));
            try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                out.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(credentials));
                out.getFD().sync();
            }
            // Write-then-rename: a crash leaves either the old file or the new one, never half of one.
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        if (isPosix(file)) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)};
        }
        // e.g. Windows: the temp file gets the directory's ACL; keep the state dir private to the agent's user.
        log.warn("No POSIX permissions on this file system: {} is protected only by its directory", FILE_NAME);
        return new FileAttribute<?>[0];
    }

    private void warnIfReadableByOthers() throws IOException {
        if (isPosix(file) && !OWNER_READ_WRITE.containsAll(Files.getPosixFilePermissions(file))) {
            log.warn("{} is readable by others ({}); it holds the agent's secret: chmod 600 it", file,
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
