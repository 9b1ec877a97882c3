package io.aviary.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.cli.CliException;
import io.aviary.cli.ExitCodes;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Reads and writes the config file. It holds tokens, so it is only ever readable by its owner: a new version is
 * written to a temporary file <em>created</em> with mode 0600 next to it and then moved over it, so there is no
 * moment at which the tokens sit in a file others could read (and a crash never leaves half a file). A folder it
 * creates gets mode 0700.
 */
public final class ConfigStore {

    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public ConfigStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    /** The stored config, or {@link Config#EMPTY} when there is no file yet. */
    public Config load() {
        if (!Files.exists(file)) {
            return Config.EMPTY;
        }
        try {
            return JSON.readValue(file.toFile(), Config.class);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.FAILURE, "The config file " + file + " is not valid JSON ("
                    + e.getOriginalMessage() + "): fix or delete it, then log in again");
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "Cannot read the config file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the file can be read or written by anyone but its owner (copied around, or edited with a careless
     * umask): it holds tokens. Saving makes it 0600 again.
     */
    public boolean exposed() {
        try {
            if (!Files.exists(file) || !posix(file.getParent())) {
                return false;
            }
            return !FILE_MODE.containsAll(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            return false;
        }
    }

    public void save(Config config) {
        Path tmp = null;
        try {
            Path dir = file.getParent();
            createDirectories(dir);
            tmp = createPrivateFile(dir, "." + file.getFileName() + ".");
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
            move(tmp, file);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new CliException(ExitCodes.FAILURE, "Cannot write the config file " + file + ": " + e, e);
        }
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getParent() != null) {
            createDirectories(dir.getParent());
        }
        try {
            if (posix(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by another aviary process: fine
        }
    }

    private static Path createPrivateFile(Path dir, String prefix) throws IOException {
        if (posix(dir)) {
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE_MODE);
            return Files.createTempFile(dir, prefix, ".tmp", mode);
        }
        return Files.createTempFile(dir, prefix, ".tmp");
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write failed already; that is the error to report
            }
        }
    }
}
