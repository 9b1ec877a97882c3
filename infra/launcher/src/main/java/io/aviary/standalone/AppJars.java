package io.aviary.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds the executable jars of the apps. The standalone jar carries them as resources ({@code /apps/*.jar}) and
 * extracts them once per build into {@code <home>/apps/}; tests point at the build folder with the system property
 * {@code aviary.apps.dir} instead.
 */
public final class AppJars {

    public static final String COMMAND_SIDE = "aviary-command-side.jar";
    public static final String PROJECTIONS = "aviary-projections.jar";
    public static final String QUERY_SIDE = "aviary-query-side.jar";
    public static final String WORKER_AGENT = "aviary-worker-agent.jar";

    private final Path dir;

    private AppJars(Path dir) {
        this.dir = dir;
    }

    /** The jars from {@code aviary.apps.dir} if set, else extracted from this jar into {@code home/apps}. */
    public static AppJars locate(Path home) {
        String configured = System.getProperty("aviary.apps.dir");
        if (configured != null) {
            return new AppJars(Path.of(configured));
        }
        Path target = home.resolve("apps");
        for (String jar : new String[]{COMMAND_SIDE, PROJECTIONS, QUERY_SIDE, WORKER_AGENT}) {
            extract(jar, target);
        }
        return new AppJars(target);
    }

    public Path jar(String name) {
        Path jar = dir.resolve(name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing app jar " + jar + ": build with `mvn -DskipTests package` first");
        }
        return jar;
    }

    /** Copies a packed jar out unless an identical one (same size) is already there. */
    private static void extract(String jar, Path target) {
        try (InputStream in = AppJars.class.getResourceAsStream("/apps/" + jar)) {
            if (in == null) {
                throw new IllegalStateException("This launcher was built without /apps/" + jar);
            }
            Files.createDirectories(target);
            Path tmp = Files.createTempFile(target, jar, ".part");
            long size = Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Path file = target.resolve(jar);
            if (Files.exists(file) && Files.size(file) == size && Files.mismatch(file, tmp) == -1) {
                Files.delete(tmp);
            } else {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract " + jar + " into " + target, e);
        }
    }
}
