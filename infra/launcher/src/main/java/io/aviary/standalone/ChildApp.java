package io.aviary.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One app running as a child JVM ({@code java -jar <app>.jar}), configured by environment variables exactly as it
 * would be on another machine or in a container. Its output goes to {@code <home>/logs/<name>.log}.
 */
public final class ChildApp {

    private static final Logger log = LoggerFactory.getLogger(ChildApp.class);

    private final String name;
    private final Path jar;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path logFile;
    private Process process;

    public ChildApp(String name, Path jar, Map<String, String> environment, List<String> jvmOptions, Path logDir) {
        this.name = name;
        this.jar = jar;
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logFile = logDir.resolve(name + ".log");
    }

    /** Starts the JVM; its log is appended to, so a restarted app keeps its history in one file. */
    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + name + " from " + jar, e);
        }
        log.debug("started {} (pid {})", name, process.pid());
    }

    /** Asks the app to shut down gracefully (SIGTERM), then kills it if it has not stopped within the grace time. */
    public synchronized void stop(Duration grace) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} did not stop within {} s; killing it", name, grace.toSeconds());
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the app at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #start} ran (whatever happened to the process since). */
    public synchronized boolean wasStarted() {
        return process != null;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Exit code of a process that ended, for error messages. */
    public synchronized String exitDescription() {
        if (process == null) {
            return "not started";
        }
        return process.isAlive() ? "running" : "exited with code " + process.exitValue();
    }

    /** Exit code of a process that ended; -1 while it runs or before it started. */
    public synchronized int exitCode() {
        return process == null || process.isAlive() ? -1 : process.exitValue();
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }
}
