package io.aviary.benchmarks.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario measured: its settings, its figures (each over the repeated runs), each run's details and notes
 * on method (what was synthetic, which server scans, ...). A scenario that broke keeps what it had and its error.
 */
public final class ScenarioReport {

    private final int number;
    private final String id;
    private final String title;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final List<Map<String, Object>> runs = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String error;
    private double seconds;

    public ScenarioReport(int number, String id, String title) {
        this.number = number;
        this.id = id;
        this.title = title;
    }

    /** The metric of that name, created on first use (later calls must agree on unit and target). */
    public synchronized Metric metric(String name, String unit, Target target) {
        return metrics.computeIfAbsent(name, n -> new Metric(n, unit, target));
    }

    public synchronized Metric metric(String name, String unit) {
        return metric(name, unit, null);
    }

    public synchronized ScenarioReport setting(String name, Object value) {
        settings.put(name, value);
        return this;
    }

    public synchronized void run(Map<String, Object> details) {
        runs.add(details);
    }

    public synchronized void note(String note) {
        notes.add(note);
    }

    public synchronized void failed(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        error = e + "\n" + trace.toString().lines().limit(12).reduce("", (a, b) -> a + b + "\n");
    }

    public synchronized void seconds(double took) {
        this.seconds = took;
    }

    public int number() {
        return number;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public synchronized List<Metric> metrics() {
        return List.copyOf(metrics.values());
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    public synchronized String error() {
        return error;
    }

    public synchronized Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("number", number);
        d.put("id", id);
        d.put("title", title);
        d.put("status", error == null ? "ok" : "failed");
        if (error != null) {
            d.put("error", error);
        }
        d.put("seconds", Math.round(seconds * 10) / 10.0);
        d.put("settings", new LinkedHashMap<>(settings));
        d.put("metrics", metrics.values().stream().map(Metric::describe).toList());
        d.put("runs", List.copyOf(runs));
        d.put("notes", List.copyOf(notes));
        return d;
    }
}
