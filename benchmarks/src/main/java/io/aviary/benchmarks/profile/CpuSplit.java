package io.aviary.benchmarks.profile;

import io.aviary.benchmarks.rig.ChildProcesses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which process burns the CPU during a window: CPU seconds (user + system, from {@code /proc/<pid>/stat}) of every
 * process of the run at the start and the end, and for each the busiest thread groups ({@code /proc/<pid>/task}).
 */
public final class CpuSplit {

    private final Map<String, List<Long>> groups;
    private final Map<String, Double> startSeconds = new LinkedHashMap<>();
    private final Map<Long, Map<String, Double>> startThreads = new HashMap<>();
    private final long startNanos;

    private CpuSplit(Map<String, List<Long>> groups) {
        this.groups = groups;
        for (Map.Entry<String, List<Long>> group : groups.entrySet()) {
            startSeconds.put(group.getKey(), seconds(group.getValue()));
            for (long pid : group.getValue()) {
                startThreads.put(pid, ChildProcesses.threadCpuSeconds(pid));
            }
        }
        this.startNanos = System.nanoTime();
    }

    public static CpuSplit begin(ChildProcesses processes) {
        return new CpuSplit(processes.cpuGroups());
    }

    /** One process's share of the window. */
    public record Share(String process, double percentOfOneCore, List<Map<String, Object>> topThreads) {
    }

    /** Per process: % of one core over the window (the machine's total is cores x 100 %), busiest threads first. */
    public List<Share> end() {
        double window = (System.nanoTime() - startNanos) / 1e9;
        List<Share> shares = new ArrayList<>();
        for (Map.Entry<String, List<Long>> group : groups.entrySet()) {
            double used = seconds(group.getValue()) - startSeconds.get(group.getKey());
            List<Map<String, Object>> threads = new ArrayList<>();
            if (group.getValue().size() == 1) {
                long pid = group.getValue().get(0);
                Map<String, Double> before = startThreads.getOrDefault(pid, Map.of());
                Map<String, Double> after = ChildProcesses.threadCpuSeconds(pid);
                after.entrySet().stream()
                        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                        .filter(e -> e.getValue() > 0.005 * window)
                        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                        .limit(8)
                        .forEach(e -> {
                            Map<String, Object> t = new LinkedHashMap<>();
                            t.put("threads", e.getKey());
                            t.put("percentOfOneCore", Math.round(1000 * e.getValue() / window) / 10.0);
                            threads.add(t);
                        });
            }
            shares.add(new Share(group.getKey(), 100 * used / window, threads));
        }
        return shares;
    }

    private static double seconds(List<Long> pids) {
        return pids.stream().mapToDouble(ChildProcesses::cpuSeconds).sum();
    }
}
