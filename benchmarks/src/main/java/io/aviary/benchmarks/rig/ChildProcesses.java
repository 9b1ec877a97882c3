package io.aviary.benchmarks.rig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes of the run, found as descendants of this JVM ({@code ChildApp} does not expose its pid): the apps by
 * the jar on their command line (agents by {@code AVIARY_AGENT_NAME} in their environment), PostgreSQL by its
 * binary. Reads CPU time and RSS from {@code /proc} and heap use with {@code jcmd}.
 */
public final class ChildProcesses {

    /** A process of the run; {@code name} is {@code command-side}, {@code agent quickstart-agent-1}, ... */
    public record Proc(String name, long pid) {
    }

    private static final Pattern JAR = Pattern.compile("aviary-([a-z-]+)\\.jar");
    private static final Pattern HEAP_USED = Pattern.compile("(?:generation|heap)\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");
    private static final long CLOCK_TICKS = clockTicks();

    private final int postgresPort;

    /** @param postgresJdbcUrl the event store's JDBC URL: its port identifies the embedded PostgreSQL server */
    public ChildProcesses(String postgresJdbcUrl) {
        Matcher port = Pattern.compile("//(?:localhost|127\\.0\\.0\\.1):(\\d+)/").matcher(postgresJdbcUrl);
        this.postgresPort = port.find() ? Integer.parseInt(port.group(1)) : -1;
    }

    /** The app processes, command-side first, agents last (by name). */
    public List<Proc> apps() {
        List<Proc> apps = new ArrayList<>();
        ProcessHandle.current().descendants().forEach(handle -> {
            String commandLine = commandLine(handle.pid());
            Matcher jar = JAR.matcher(commandLine);
            if (commandLine.contains("-jar") && jar.find()) {
                String app = jar.group(1);
                if (app.equals("worker-agent")) {
                    String agentName = environment(handle.pid()).getOrDefault("AVIARY_AGENT_NAME", "pid" + handle.pid());
                    apps.add(new Proc("agent " + agentName, handle.pid()));
                } else {
                    apps.add(new Proc(app, handle.pid()));
                }
            }
        });
        apps.sort(Comparator.comparing((Proc p) -> p.name().startsWith("agent")).thenComparing(Proc::name));
        return apps;
    }

    /**
     * The PostgreSQL server processes: the postmaster listening on the event store's port and its children
     * (backends, writer, WAL writer, ...). zonky starts it through {@code pg_ctl}, so it is not a descendant of this
     * JVM; it is found by its {@code -p <port>} argument. Empty for an external server.
     */
    public List<Long> postgres() {
        List<Long> pids = new ArrayList<>();
        if (postgresPort <= 0) {
            return pids;
        }
        ProcessHandle.allProcesses()
                .filter(handle -> {
                    String commandLine = commandLine(handle.pid());
                    return commandLine.contains("postgres") && commandLine.contains(" -p " + postgresPort + " ");
                })
                .findFirst()
                .ifPresent(postmaster -> {
                    pids.add(postmaster.pid());
                    postmaster.descendants().forEach(child -> pids.add(child.pid()));
                });
        return pids;
    }

    /** Every process to account CPU to: the benchmark JVM itself (load, Kafka broker, Mongo wire server), the apps,
     *  and PostgreSQL (its processes summed). */
    public Map<String, List<Long>> cpuGroups() {
        Map<String, List<Long>> groups = new java.util.LinkedHashMap<>();
        groups.put("benchmark JVM (load generator + Kafka broker + Mongo wire server)",
                List.of(ProcessHandle.current().pid()));
        for (Proc app : apps()) {
            groups.put(app.name(), List.of(app.pid()));
        }
        groups.put("postgres (all processes)", postgres());
        return groups;
    }

    /** CPU seconds (user + system) the process has used, or 0 if it is gone. */
    public static double cpuSeconds(long pid) {
        long[] ticks = ticks(Path.of("/proc", Long.toString(pid), "stat"));
        return ticks == null ? 0 : (ticks[0] + ticks[1]) / (double) CLOCK_TICKS;
    }

    /** CPU seconds per thread name of one process (threads of the same name summed). */
    public static Map<String, Double> threadCpuSeconds(long pid) {
        Map<String, Double> byName = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    long[] ticks = ticks(stat);
                    if (ticks != null) {
                        byName.merge(threadGroup(name), (ticks[0] + ticks[1]) / (double) CLOCK_TICKS, Double::sum);
                    }
                } catch (IOException | RuntimeException e) {
                    // The thread ended meanwhile.
                }
            }
        } catch (IOException e) {
            return byName;
        }
        return byName;
    }

    /** Thread names without their trailing numbers, so that pools add up ({@code kafka-request-handler-3}). */
    static String threadGroup(String name) {
        return name.replaceAll("[-_#]?\\d+$", "").replaceAll("\\d+", "N");
    }

    /** Resident set size in bytes ({@code VmRSS}), or -1. */
    public static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Heap in use (bytes) as {@code jcmd <pid> GC.heap_info} reports it, or -1. */
    public static long heapUsedBytes(long pid) {
        String info = Jcmd.run(pid, "GC.heap_info");
        Matcher used = HEAP_USED.matcher(info);
        long total = 0;
        boolean found = false;
        while (used.find()) {
            total += Long.parseLong(used.group(1)) * 1024;
            found = true;
        }
        return found ? total : -1;
    }

    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    static Map<String, String> environment(long pid) {
        Map<String, String> env = new HashMap<>();
        try {
            String all = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                    StandardCharsets.UTF_8);
            for (String entry : all.split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            return env;
        }
        return env;
    }

    private static long[] ticks(Path stat) {
        try {
            return ticks(Files.readString(stat));
        } catch (IOException e) {
            return null;
        }
    }

    /** utime and stime: fields 14 and 15 of {@code /proc/<pid>/stat}, counted after the parenthesised name. */
    private static long[] ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[]{Long.parseLong(fields[11]), Long.parseLong(fields[12])};
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
