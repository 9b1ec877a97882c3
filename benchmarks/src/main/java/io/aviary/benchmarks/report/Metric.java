package io.aviary.benchmarks.report;

import io.aviary.benchmarks.stats.Stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One figure of a scenario: a value per run, summarised as median and spread, compared with its target if any. */
public final class Metric {

    private final String name;
    private final String unit;
    private final Target target;
    private final List<Double> values = new ArrayList<>();

    Metric(String name, String unit, Target target) {
        this.name = name;
        this.unit = unit;
        this.target = target;
    }

    public synchronized Metric add(double value) {
        values.add(value);
        return this;
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }

    public Target target() {
        return target;
    }

    public synchronized Stats stats() {
        return Stats.of(values);
    }

    public synchronized List<Double> values() {
        return List.copyOf(values);
    }

    /** {@code null} without a target or without a value. */
    public Boolean met() {
        return target == null ? null : target.met(stats().median());
    }

    public Map<String, Object> describe() {
        Stats stats = stats();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("unit", unit);
        d.put("median", Stats.round(stats.median()));
        d.put("min", Stats.round(stats.min()));
        d.put("max", Stats.round(stats.max()));
        d.put("q1", Stats.round(stats.q1()));
        d.put("q3", Stats.round(stats.q3()));
        d.put("runs", values().stream().map(Stats::round).toList());
        if (target != null) {
            d.put("target", target.text());
            d.put("met", met());
        }
        return d;
    }
}
