package io.aviary.agent.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.events.worker.WorkerIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps the agent's identity in {@code <stateDir>/identity.json}. The hardware id is computed once, on the first start,
 * and then read back: a restarted agent (or one whose network cards changed) comes back as the same worker instead of
 * being refused as "other hardware".
 */
public final class IdentityStore {

    static final String FILE_NAME = "identity.json";
    private static final Logger log = LoggerFactory.getLogger(IdentityStore.class);

    private final Path file;
    private final ObjectMapper json;

    public IdentityStore(Path stateDir, ObjectMapper json) {
        this.file = stateDir.resolve(FILE_NAME);
        this.json = json;
    }

    /**
     * The stored identity for {@code name}, or a new one (written before it is returned).
     *
     * @param resolver computes the hardware id when none is stored yet
     */
    public AgentIdentity loadOrCreate(String name, HardwareIdResolver resolver) {
        Optional<AgentIdentity> stored = load();
        if (stored.isPresent() && stored.get().name().equals(name)) {
            return stored.get();
        }
        String hardwareId;
        if (stored.isPresent()) {
            // Same machine (same state dir), new name: the hardware id belongs to the machine, keep it.
            log.warn("State dir {} belonged to worker '{}'; it is now used by '{}'", file.getParent(),
                    stored.get().name(), name);
            hardwareId = stored.get().hardwareId();
        } else {
            hardwareId = resolver.resolve().orElseGet(IdentityStore::randomHardwareId);
        }
        AgentIdentity identity = new AgentIdentity(name, WorkerIds.forName(name), hardwareId);
        save(identity);
        return identity;
    }

    /** Stores a changed identity (e.g. a worker id the command side assigned differently). */
    public void save(AgentIdentity identity) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE_NAME + ".tmp");
            try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                out.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(identity));
                out.getFD().sync();
            }
            // Write-then-rename: a crash leaves either the old file or the new one, never half of one.
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** The stored identity, if any. */
    public Optional<AgentIdentity> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            AgentIdentity identity = json.readValue(file.toFile(), AgentIdentity.class);
            if (identity.name() == null || identity.hardwareId() == null || identity.hardwareId().isBlank()) {
                throw new IOException("name or hardwareId missing");
            }
            return Optional.of(identity);
        } catch (IOException e) {
            // Refuse to start rather than invent a new hardware id: the command side would refuse that one anyway
            // (the name is bound to the old id), and an operator can see and repair the file.
            throw new UncheckedIOException("Unreadable " + file + " (" + e.getMessage()
                    + "); fix or delete it to let the agent compute a new identity", e);
        }
    }

    private static String randomHardwareId() {
        log.warn("No usable hardware UUID and no physical network interface found: using a random hardware id,"
                + " kept in the state dir. If the state dir is lost, this agent's name will be refused by the command"
                + " side until an admin re-binds it.");
        return HardwareIdResolver.sha256("random:" + UUID.randomUUID());
    }
}
