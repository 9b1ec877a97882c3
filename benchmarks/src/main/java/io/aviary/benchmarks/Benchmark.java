package io.aviary.benchmarks;

import io.aviary.benchmarks.latency.DispatchLatencyScenario;
import io.aviary.benchmarks.lifecycle.LifecycleScenario;
import io.aviary.benchmarks.queries.QueriesScenario;
import io.aviary.benchmarks.replay.ReplayScenario;
import io.aviary.benchmarks.report.BenchmarkReport;
import io.aviary.benchmarks.report.ScenarioReport;
import io.aviary.benchmarks.rig.Rig;
import io.aviary.benchmarks.sidebyside.SideBySideScenario;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the asked scenarios against one rig, in an order that keeps them from disturbing each other: the load
 * scenarios first (1 with 3 and 6, then 2, then 7), then 4 (its million synthetic events keep the live projection
 * busy for a while and fill the read models), then 5 (which fills them further). A scenario that breaks is reported
 * as failed with what it had; the others still run.
 */
public final class Benchmark {

    private final BenchmarkOptions options;
    private final Progress progress;
    private final BenchmarkReport report;

    public Benchmark(BenchmarkOptions options, Progress progress, BenchmarkReport report) {
        this.options = options;
        this.progress = progress;
        this.report = report;
    }

    public void run(Rig rig) {
        report.settings(options.describe());
        report.environment("servers", rig.describe());
        report.environment("jvmOfBenchmark", System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        report.environment("sourceRevision", SourceRevision.describe());
        if (options.runsLifecycleLoad()) {
            ScenarioReport throughput = report.scenario(1, "lifecycle", "Lifecycle throughput (noop tasks)");
            ScenarioReport lag = options.scenarios().contains(3)
                    ? report.scenario(3, "projection-lag", "Projection lag under scenario 1's load") : null;
            ScenarioReport memory = options.scenarios().contains(6)
                    ? report.scenario(6, "memory", "Memory at the end of scenario 1") : null;
            Path profiles = options.profile() ? options.outputDir().resolve("benchmark-"
                    + stamp() + "-profiles") : null;
            timed(throughput, s -> new LifecycleScenario(rig, progress, s, lag, memory, profiles).run(), lag, memory);
        }
        if (options.scenarios().contains(2)) {
            timed(report.scenario(2, "dispatch-latency", "Dispatch latency at fixed offered rates"),
                    s -> new DispatchLatencyScenario(rig, progress, s).run());
        }
        if (options.scenarios().contains(7)) {
            timed(report.scenario(7, "side-by-side", "Side by side: JobRunr and a raw Kafka + Mongo pipeline"),
                    s -> new SideBySideScenario(rig, progress, s).run());
        }
        if (options.scenarios().contains(4)) {
            timed(report.scenario(4, "replay", "Replay: rebuild read models from offset 0"),
                    s -> new ReplayScenario(rig, progress, s).run());
        }
        if (options.scenarios().contains(5)) {
            timed(report.scenario(5, "queries", "Queries at scale"), s -> new QueriesScenario(rig, progress, s).run());
        }
    }

    private String stamp() {
        return report.startedAt().toString().replace(":", "").replaceAll("\\.\\d+Z$", "Z");
    }

    private void timed(ScenarioReport scenario, Consumer<ScenarioReport> body, ScenarioReport... riders) {
        progress.say("== %d. %s", scenario.number(), scenario.title());
        long began = System.nanoTime();
        try {
            body.accept(scenario);
        } catch (RuntimeException | AssertionError e) {
            progress.say("%d. %s FAILED: %s", scenario.number(), scenario.title(), e);
            scenario.failed(e);
            for (ScenarioReport rider : riders) {
                if (rider != null) {
                    rider.failed(e);
                }
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        scenario.seconds(seconds);
        for (ScenarioReport rider : riders) {
            if (rider != null) {
                rider.seconds(seconds);
            }
        }
        progress.say("== %d. done in %.0f s", scenario.number(), seconds);
    }

    /** For tests: the report's scenarios by id. */
    Map<String, Object> describe() {
        return report.describe();
    }
}
