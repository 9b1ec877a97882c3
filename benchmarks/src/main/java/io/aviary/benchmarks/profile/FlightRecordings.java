package io.aviary.benchmarks.profile;

import io.aviary.benchmarks.rig.Jcmd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * JDK Flight Recordings on every JVM of the run, started and stopped with {@code jcmd <pid> JFR.start/JFR.stop}
 * (in parallel: each {@code jcmd} is a JVM start of its own). Settings {@code profile} (method samples every 10-20 ms,
 * allocations, locks, GC) plus parks, monitor waits and socket reads/writes from 1 ms, so that the waits of a
 * pipeline show, not only its CPU. Started before the measured window (during the warm-up, so that starting them
 * does not disturb the window); {@link JfrSummary} then reads only the window's events.
 */
public final class FlightRecordings {

    private static final String NAME = "aviary-benchmark";
    private static final List<String> SETTINGS = List.of("settings=profile", "jdk.ThreadPark#threshold=1ms",
            "jdk.JavaMonitorEnter#threshold=1ms", "jdk.JavaMonitorWait#threshold=1ms",
            "jdk.SocketRead#threshold=1ms", "jdk.SocketWrite#threshold=1ms");

    private final Map<String, Long> jvms;
    private final Map<String, Path> files = new ConcurrentHashMap<>();

    private FlightRecordings(Map<String, Long> jvms) {
        this.jvms = jvms;
    }

    /** Starts a recording in each JVM ({@code name -> pid}); files go to {@code directory/<name>.jfr}. */
    public static FlightRecordings start(Map<String, Long> jvms, Path directory) {
        FlightRecordings recordings = new FlightRecordings(jvms);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        inParallel(jvms, (name, pid) -> {
            Path file = directory.resolve(name.replaceAll("[^A-Za-z0-9.-]+", "-") + ".jfr");
            String[] command = new String[SETTINGS.size() + 3];
            command[0] = "JFR.start";
            command[1] = "name=" + NAME;
            command[2] = "filename=" + file;
            for (int i = 0; i < SETTINGS.size(); i++) {
                command[3 + i] = SETTINGS.get(i);
            }
            if (Jcmd.run(pid, command).contains("Started recording")) {
                recordings.files.put(name, file);
            }
        });
        return recordings;
    }

    /** Stops every recording (which writes its file) and returns the files written, by JVM name. */
    public Map<String, Path> stop() {
        Map<String, Long> started = new LinkedHashMap<>();
        jvms.forEach((name, pid) -> {
            if (files.containsKey(name)) {
                started.put(name, pid);
            }
        });
        inParallel(started, (name, pid) -> Jcmd.run(pid, "JFR.stop", "name=" + NAME, "filename=" + files.get(name)));
        Map<String, Path> written = new LinkedHashMap<>();
        started.keySet().forEach(name -> {
            if (Files.isRegularFile(files.get(name))) {
                written.put(name, files.get(name));
            }
        });
        return written;
    }

    private interface PerJvm {
        void run(String name, long pid);
    }

    private static void inParallel(Map<String, Long> jvms, PerJvm action) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(4, jvms.size())));
        jvms.forEach((name, pid) -> pool.execute(() -> action.run(name, pid)));
        pool.shutdown();
        try {
            pool.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
