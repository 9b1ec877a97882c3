package io.aviary.benchmarks.report;

import io.aviary.benchmarks.stats.Stats;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The report as a plain-text table: one block per scenario, then every target with its verdict. */
public final class TablePrinter {

    private static final String ROW = "  %-44s %12s %25s  %-12s %-22s %s%n";

    private TablePrinter() {
    }

    public static void print(BenchmarkReport report, PrintStream out) {
        Map<String, Object> d = report.describe();
        out.println();
        out.println("Aviary benchmark, " + d.get("startedAt") + " (median over runs; spread = min..max)");
        out.println("machine: " + d.get("machine"));
        for (ScenarioReport scenario : report.scenarios()) {
            out.println();
            out.printf("%d. %s%s%n", scenario.number(), scenario.title(),
                    scenario.error() == null ? "" : "   FAILED: " + scenario.error().lines().findFirst().orElse(""));
            out.printf(ROW, "figure", "median", "spread (min..max)", "unit", "target", "");
            for (Metric metric : scenario.metrics()) {
                Stats s = metric.stats();
                String spread = s.runs() <= 1 ? "(" + s.runs() + " run)" : number(s.min()) + " .. " + number(s.max());
                Boolean met = metric.met();
                out.printf(ROW, metric.name(), number(s.median()), spread, metric.unit(),
                        metric.target() == null ? "" : metric.target().text(),
                        met == null ? "" : met ? "met" : "MISSED");
            }
            for (String note : scenario.notes()) {
                out.println("  note: " + note);
            }
        }
        out.println();
        out.println("Targets (issue 6):");
        for (Map<String, Object> t : report.targets()) {
            Object met = t.get("met");
            out.printf("  %-14s %-44s %12s %-12s %-22s %s%n", t.get("scenario"), t.get("metric"),
                    t.get("median") == null ? "-" : number(((Number) t.get("median")).doubleValue()), t.get("unit"),
                    t.get("target"), met == null ? "n/a" : Boolean.TRUE.equals(met) ? "met" : "MISSED");
        }
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double abs = Math.abs(value);
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
