package io.aviary.benchmarks.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.benchmarks.rig.ChildProcesses;
import io.aviary.benchmarks.rig.ChildProcesses.Proc;
import io.aviary.benchmarks.rig.QueryApi;
import io.aviary.benchmarks.rig.Rig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 6: heap in use and resident memory of every app. Heap from the actuator
 * ({@code /actuator/metrics/jvm.memory.used?tag=area:heap}, admin token) where the app serves it (command-side,
 * query-side, projections); the agents expose no metrics endpoint, so theirs comes from {@code jcmd GC.heap_info}.
 * RSS from {@code /proc/<pid>/status}.
 */
final class MemoryProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MemoryProbe() {
    }

    /** One process: heap used and RSS in MB, and where the heap figure came from. */
    record Reading(String process, long pid, double heapMb, String heapSource, double rssMb) {
        Map<String, Object> describe() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("process", process);
            d.put("pid", pid);
            d.put("heapUsedMb", Math.round(heapMb * 10) / 10.0);
            d.put("heapSource", heapSource);
            d.put("rssMb", Math.round(rssMb * 10) / 10.0);
            return d;
        }
    }

    static List<Reading> measure(Rig rig) {
        Map<String, String> actuators = Map.of(
                "command-side", rig.platform().commandUrl(),
                "query-side", rig.platform().queryUrl(),
                "projections", rig.projectionsUrl());
        List<Reading> readings = new ArrayList<>();
        for (Proc app : rig.processes().apps()) {
            double heap = -1;
            String source = "jcmd GC.heap_info";
            String actuator = actuators.get(app.name());
            if (actuator != null) {
                heap = actuatorHeap(rig.query(), actuator);
                source = "actuator jvm.memory.used{area=heap}";
            }
            if (heap < 0) {
                heap = ChildProcesses.heapUsedBytes(app.pid());
                source = "jcmd GC.heap_info";
            }
            readings.add(new Reading(app.name(), app.pid(), heap / (1024.0 * 1024),
                    source, ChildProcesses.rssBytes(app.pid()) / (1024.0 * 1024)));
        }
        long self = ProcessHandle.current().pid();
        Runtime runtime = Runtime.getRuntime();
        readings.add(new Reading("benchmark JVM (Kafka broker + Mongo wire server + load)", self,
                (runtime.totalMemory() - runtime.freeMemory()) / (1024.0 * 1024), "Runtime",
                ChildProcesses.rssBytes(self) / (1024.0 * 1024)));
        return readings;
    }

    private static double actuatorHeap(QueryApi http, String baseUrl) {
        QueryApi.Answer answer = http.get(baseUrl + "/actuator/metrics/jvm.memory.used?tag=area:heap");
        if (answer.status() != 200) {
            return -1;
        }
        try {
            JsonNode measurements = JSON.readTree(answer.body()).path("measurements");
            for (JsonNode m : measurements) {
                if ("VALUE".equals(m.path("statistic").asText())) {
                    return m.path("value").asDouble();
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
