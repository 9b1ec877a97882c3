package io.aviary.benchmarks;

import io.aviary.benchmarks.profile.JfrSummary;
import io.aviary.benchmarks.report.BenchmarkReport;
import io.aviary.benchmarks.report.ScenarioReport;
import io.aviary.benchmarks.report.TablePrinter;
import io.aviary.benchmarks.rig.Rig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code java -jar benchmarks/target/aviary-benchmarks.jar [--quick] [--scenarios=...] ...}: starts the embedded
 * servers and the platform as child processes, runs the scenarios of issue 6, prints a table and writes
 * {@code benchmark-<timestamp>.json}. {@code java -jar aviary-benchmarks.jar jfr-summary <file.jfr>} prints the hot
 * spots of a flight recording.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("jfr-summary")) {
            JfrSummary.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(BenchmarkOptions.USAGE);
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("aviary-benchmarks: " + e.getMessage());
            System.exit(2);
            return;
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (heap < options.heapNeededBytes()) {
            System.err.printf("aviary-benchmarks: scenario 5 keeps %,d tasks and %,d workers in the in-memory Mongo wire "
                    + "server of this JVM and needs about %d GB of heap (this JVM may use %.1f GB): run it with "
                    + "java -Xmx%dg -jar ..., or choose smaller --query-tasks/--query-workers%n", options.queryTasks(),
                    options.queryWorkers(), gigabytes(options.heapNeededBytes()), heap / (double) (1L << 30),
                    gigabytes(options.heapNeededBytes()));
            System.exit(2);
            return;
        }
        // The Kafka broker's threads are not daemons: end the JVM explicitly.
        System.exit(run(options, List.of(args)).ok() ? 0 : 1);
    }

    private static long gigabytes(long bytes) {
        return (bytes + (1L << 30) - 1) >> 30;
    }

    /** The written report ({@code null} if it could not be written) and whether every scenario ran. */
    public record Outcome(Path report, boolean ok) {
    }

    /** Runs the benchmark and writes the report, also when a scenario (or the start-up) failed. */
    public static Outcome run(BenchmarkOptions options, List<String> arguments) {
        Progress progress = new Progress(System.out);
        BenchmarkReport report = new BenchmarkReport(arguments);
        progress.say("Aviary benchmark: scenarios %s, %d run(s) each%s; load average %s", options.scenarios(),
                options.repeats(), options.quick() ? " (quick)" : "", io.aviary.benchmarks.report.MachineInfo
                        .loadAverage());
        Rig rig = null;
        AtomicBoolean closed = new AtomicBoolean();
        boolean ok = true;
        try {
            rig = Rig.start(options, progress);
            Rig started = rig;
            Thread hook = new Thread(() -> {
                if (closed.compareAndSet(false, true)) {
                    started.close();
                }
            }, "benchmark-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            new Benchmark(options, progress, report).run(rig);
        } catch (RuntimeException e) {
            progress.say("The benchmark could not run: %s", e);
            e.printStackTrace(System.out);
            ok = false;
        } finally {
            if (rig != null && closed.compareAndSet(false, true)) {
                progress.say("Stopping the platform and the servers");
                rig.close();
            }
        }
        report.finish();
        TablePrinter.print(report, System.out);
        ok &= report.scenarios().stream().map(ScenarioReport::error).allMatch(e -> e == null);
        try {
            Path file = report.write(options.outputDir());
            System.out.println();
            System.out.println("Report: " + file);
            return new Outcome(file, ok);
        } catch (IOException e) {
            System.out.println("Could not write the report: " + e);
            return new Outcome(null, false);
        }
    }
}
