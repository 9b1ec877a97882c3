package io.aviary.benchmarks.profile;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hot spots of one flight recording: the methods on top of the sampled stacks (self time), the methods anywhere on
 * them (inclusive time), the packages of the top frames, the busiest threads, GC pauses, the top allocation sites,
 * and where threads wait (parks, monitors, socket I/O: total blocked ms by thread and first non-JDK frame).
 * {@code java -jar aviary-benchmarks.jar jfr-summary <file.jfr> [rows]} prints it.
 */
public final class JfrSummary {

    private final Path file;
    private final Map<String, Long> self = new HashMap<>();
    private final Map<String, Long> inclusive = new HashMap<>();
    private final Map<String, Long> packages = new HashMap<>();
    private final Map<String, Long> threads = new HashMap<>();
    private final Map<String, Long> allocations = new HashMap<>();
    private final Map<String, Long> waits = new HashMap<>();
    private long samples;
    private long allocationWeight;
    private long gcCount;
    private double gcPauseMs;

    private JfrSummary(Path file) {
        this.file = file;
    }

    public static JfrSummary of(Path file) {
        return of(file, Instant.MIN, Instant.MAX);
    }

    /** Only the events that started within {@code [from, to]} (a recording may hold more than the window). */
    public static JfrSummary of(Path file, Instant from, Instant to) {
        JfrSummary summary = new JfrSummary(file);
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                Instant start = event.getStartTime();
                if (!start.isBefore(from) && !start.isAfter(to)) {
                    summary.accept(event);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return summary;
    }

    private void accept(RecordedEvent event) {
        String type = event.getEventType().getName();
        switch (type) {
            case "jdk.ExecutionSample" -> sample(event);
            case "jdk.GarbageCollection" -> {
                gcCount++;
                gcPauseMs += event.getDuration("sumOfPauses").toNanos() / 1e6;
            }
            case "jdk.ObjectAllocationSample" -> {
                long weight = event.getLong("weight");
                allocationWeight += weight;
                RecordedStackTrace stack = event.getStackTrace();
                if (stack != null) {
                    String site = firstApplicationFrame(stack.getFrames());
                    allocations.merge(site, weight, Long::sum);
                }
            }
            case "jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.SocketRead",
                 "jdk.SocketWrite" -> waited(event, type.substring(4));
            default -> {
            }
        }
    }

    /** Wall-clock time blocked, by thread (pool) and the first frame outside the JDK: where a pipeline waits. */
    private void waited(RecordedEvent event, String kind) {
        RecordedThread thread = event.getThread();
        RecordedStackTrace stack = event.getStackTrace();
        if (thread == null || stack == null) {
            return;
        }
        String threadName = thread.getJavaName() == null ? "?" : thread.getJavaName().replaceAll("\\d+", "N");
        String site = firstApplicationFrame(stack.getFrames());
        waits.merge(threadName + " | " + kind + " | " + site, event.getDuration().toMillis(), Long::sum);
    }

    private void sample(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        samples++;
        List<RecordedFrame> frames = stack.getFrames();
        String top = name(frames.get(0));
        self.merge(top, 1L, Long::sum);
        packages.merge(packageOf(frames.get(0)), 1L, Long::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : frames) {
            String name = name(frame);
            if (seen.add(name)) {
                inclusive.merge(name, 1L, Long::sum);
            }
        }
        RecordedThread thread = event.getThread("sampledThread");
        if (thread != null) {
            String threadName = thread.getJavaName() == null ? thread.getOSName() : thread.getJavaName();
            threads.merge(threadName == null ? "?" : threadName.replaceAll("\\d+", "N"), 1L, Long::sum);
        }
    }

    /** Allocation sites are most telling at the first frame outside the JDK's own collections and strings. */
    private static String firstApplicationFrame(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String cls = frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
            if (!cls.startsWith("java.") && !cls.startsWith("jdk.") && !cls.startsWith("sun.")) {
                return name(frame);
            }
        }
        return frames.isEmpty() ? "?" : name(frames.get(0));
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        if (method == null) {
            return "?";
        }
        return method.getType().getName() + "." + method.getName();
    }

    private static String packageOf(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        if (method == null) {
            return "?";
        }
        String[] parts = method.getType().getName().split("\\.");
        int keep = Math.min(parts.length - 1, parts[0].equals("io") || parts[0].equals("org")
                || parts[0].equals("com") ? 3 : 2);
        return String.join(".", java.util.Arrays.copyOf(parts, Math.max(1, keep)));
    }

    public long samples() {
        return samples;
    }

    /** The summary for the JSON report: the top {@code rows} of each list, in % of samples (or bytes). */
    public Map<String, Object> describe(int rows) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("file", file.toString());
        d.put("executionSamples", samples);
        d.put("gcCount", gcCount);
        d.put("gcPauseMs", Math.round(gcPauseMs));
        d.put("topSelf", top(self, samples, rows));
        d.put("topInclusive", top(inclusive, samples, rows));
        d.put("topPackages", top(packages, samples, rows));
        d.put("topThreads", top(threads, samples, rows));
        d.put("topAllocationSites", top(allocations, allocationWeight, rows));
        d.put("topWaitsMs", waits.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(rows)
                .map(e -> String.format(Locale.ROOT, "%8d ms  %s", e.getValue(), e.getKey()))
                .toList());
        return d;
    }

    private static List<String> top(Map<String, Long> counts, long total, int rows) {
        return counts.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(rows)
                .map(e -> String.format(Locale.ROOT, "%5.1f%%  %s", total == 0 ? 0 : 100.0 * e.getValue() / total,
                        e.getKey()))
                .toList();
    }

    /** Plain text, for the profile folder and the command line. */
    public String text(int rows) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> d = describe(rows);
        out.append(file).append('\n');
        out.append("execution samples: ").append(samples).append(", GCs: ").append(gcCount)
                .append(", GC pauses: ").append(d.get("gcPauseMs")).append(" ms\n");
        for (String section : List.of("topSelf", "topInclusive", "topPackages", "topThreads", "topAllocationSites",
                "topWaitsMs")) {
            out.append('\n').append(section).append(":\n");
            @SuppressWarnings("unchecked")
            List<String> lines = (List<String>) d.get(section);
            lines.forEach(line -> out.append("  ").append(line).append('\n'));
        }
        return out.toString();
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: jfr-summary <file.jfr> [rows]");
            System.exit(2);
        }
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        System.out.println(of(Path.of(args[0])).text(rows));
    }
}
