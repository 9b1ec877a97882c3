package io.aviary.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The whole run: machine, settings, every scenario; written as JSON and printed as a table. */
public final class BenchmarkReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Instant startedAt = Instant.now();
    private final List<String> arguments;
    private final Map<String, Object> machine = MachineInfo.describe();
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final Map<String, Object> environment = new LinkedHashMap<>();
    private final List<ScenarioReport> scenarios = new ArrayList<>();
    private final String loadAtStart = MachineInfo.loadAverage();
    private String loadAtEnd;
    private Instant finishedAt;

    public BenchmarkReport(List<String> arguments) {
        this.arguments = List.copyOf(arguments);
    }

    public Instant startedAt() {
        return startedAt;
    }

    public synchronized void settings(Map<String, Object> values) {
        settings.putAll(values);
    }

    /** Servers, apps, versions: what the figures were measured on. */
    public synchronized void environment(String key, Object value) {
        environment.put(key, value);
    }

    public synchronized ScenarioReport scenario(int number, String id, String title) {
        ScenarioReport scenario = new ScenarioReport(number, id, title);
        scenarios.add(scenario);
        return scenario;
    }

    public synchronized List<ScenarioReport> scenarios() {
        return List.copyOf(scenarios);
    }

    public synchronized void finish() {
        finishedAt = Instant.now();
        loadAtEnd = MachineInfo.loadAverage();
    }

    public synchronized Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("benchmark", "aviary");
        d.put("startedAt", startedAt.toString());
        d.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
        d.put("arguments", arguments);
        Map<String, Object> m = new LinkedHashMap<>(machine);
        m.put("loadAverageAtStart", loadAtStart);
        m.put("loadAverageAtEnd", loadAtEnd);
        d.put("machine", m);
        d.put("settings", new LinkedHashMap<>(settings));
        d.put("environment", new LinkedHashMap<>(environment));
        d.put("scenarios", scenarios.stream().map(ScenarioReport::describe).toList());
        d.put("targets", targets());
        return d;
    }

    /** Every figure with a target, in one list (the README's table). */
    public synchronized List<Map<String, Object>> targets() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ScenarioReport scenario : scenarios) {
            for (Metric metric : scenario.metrics()) {
                if (metric.target() != null) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("scenario", scenario.number() + " " + scenario.id());
                    t.put("metric", metric.name());
                    t.put("unit", metric.unit());
                    t.put("median", io.aviary.benchmarks.stats.Stats.round(metric.stats().median()));
                    t.put("target", metric.target().text());
                    t.put("met", metric.met());
                    list.add(t);
                }
            }
        }
        return list;
    }

    public Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        String stamp = startedAt.toString().replace(":", "").replaceAll("\\.\\d+Z$", "Z");
        Path file = directory.resolve("benchmark-" + stamp + ".json");
        JSON.writeValue(file.toFile(), describe());
        return file;
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
