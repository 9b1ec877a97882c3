package io.aviary.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine the figures come from: cores, memory, CPU model, JVM, OS, and how loaded it was. */
public final class MachineInfo {

    private MachineInfo() {
    }

    public static Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cores", Runtime.getRuntime().availableProcessors());
        d.put("cpuModel", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        d.put("memoryTotalMb", kilobytes(Path.of("/proc/meminfo"), "MemTotal") / 1024);
        d.put("memoryAvailableMbAtStart", kilobytes(Path.of("/proc/meminfo"), "MemAvailable") / 1024);
        d.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        d.put("os", osName() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                + System.getProperty("os.arch") + ")");
        d.put("benchmarkJvmMaxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return d;
    }

    /** The 1, 5 and 15 minute load averages (the machine is shared: they say how much else was running). */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String osName() {
        String pretty = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME");
        return pretty == null ? System.getProperty("os.name") : pretty.replace("\"", "");
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    int sep = line.indexOf(line.contains(":") ? ':' : '=');
                    return line.substring(sep + 1).trim();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static long kilobytes(Path file, String key) {
        String value = firstValue(file, key);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.replace("kB", "").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
