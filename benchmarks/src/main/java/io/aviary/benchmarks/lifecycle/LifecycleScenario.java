package io.aviary.benchmarks.lifecycle;

import io.aviary.benchmarks.BenchmarkOptions;
import io.aviary.benchmarks.Progress;
import io.aviary.benchmarks.profile.CpuSplit;
import io.aviary.benchmarks.profile.FlightRecordings;
import io.aviary.benchmarks.profile.JfrSummary;
import io.aviary.benchmarks.report.ScenarioReport;
import io.aviary.benchmarks.report.Target;
import io.aviary.benchmarks.rig.ChildProcesses.Proc;
import io.aviary.benchmarks.rig.Rig;
import io.aviary.benchmarks.stats.Percentiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 1 (lifecycle throughput) and, under its load, 3 (projection lag) and 6 (memory at the end of each run):
 * agents run {@code noop} tasks while a closed loop keeps submitting; after a warm-up, a window measures tasks/s that
 * are COMPLETED in the {@code tasks} read model and events/s through the event store, Kafka and the projections.
 */
public final class LifecycleScenario {

    private final Rig rig;
    private final BenchmarkOptions options;
    private final Progress progress;
    private final ScenarioReport throughput;
    private final ScenarioReport lag;
    private final ScenarioReport memory;
    private final Path profileDir;

    /**
     * @param lag        scenario 3's report, or null when not asked for
     * @param memory     scenario 6's report, or null
     * @param profileDir where flight recordings of the first window go, or null for none
     */
    public LifecycleScenario(Rig rig, Progress progress, ScenarioReport throughput, ScenarioReport lag,
                             ScenarioReport memory, Path profileDir) {
        this.rig = rig;
        this.options = rig.options();
        this.progress = progress;
        this.throughput = throughput;
        this.lag = lag;
        this.memory = memory;
        this.profileDir = profileDir;
    }

    public void run() {
        throughput.setting("warmup", BenchmarkOptions.text(options.warmup()))
                .setting("window", BenchmarkOptions.text(options.duration()))
                .setting("agents", options.agents()).setting("agentSlots", options.agentSlots())
                .setting("agentMaxQueue", options.agentMaxQueue())
                .setting("concurrentCreateRequests", options.submitters())
                .setting("tasksPerCreateRequest", options.submitBatch())
                .setting("maxOutstandingTasks", maxOutstanding())
                .setting("taskType", "noop (payload {})");
        throughput.note("Closed loop: " + options.submitters() + " create requests in flight ("
                + (options.submitBatch() == 1 ? "POST /api/v1/tasks, one task each" : "POST /api/v1/tasks:batch, up to "
                + options.submitBatch() + " tasks each") + ") while fewer than "
                + maxOutstanding() + " submitted tasks are not yet COMPLETED in the read model. tasks/s = "
                + "growth of countDocuments({status: COMPLETED}) over the window; events/s = growth of "
                + "count(*) of domainevententry, of the sum of aviary.events end offsets, and of the projections "
                + "group's committed offsets.");
        throughput.note("Observers during the window: a completion poller (tasks by _id every 250 ms)"
                + (lag != null ? ", the projection-lag sampler (one more Kafka consumer, <= 100 tasks by _id every 20 ms)" : "")
                + ". CPU shares are % of one core (the machine has " + Runtime.getRuntime().availableProcessors()
                + " cores = " + 100 * Runtime.getRuntime().availableProcessors() + " %).");
        if (lag != null) {
            lag.setting("sampleEveryNthTaskEvent", 5).setting("maxPendingSamples", 100).setting("pollInterval", "20ms")
                    .setting("load", "scenario 1");
            lag.note("ce_time (the event's timestamp, set when the aggregate applied it) -> the tasks document's seq "
                    + "reaches the event's aviaryseq, seen by polling that document by _id every 20 ms (resolution "
                    + "20 ms, late by up to one poll). Every 5th task event is a sample while fewer than 100 are "
                    + "pending (bounds the observer's load on the Mongo server). 'on Kafka' = ce_time -> the record "
                    + "read by a consumer of the benchmark: the event store + publisher's share of the lag.");
        }
        if (memory != null) {
            memory.note("Measured at the end of each measured window of scenario 1, under load. Heap: actuator "
                    + "jvm.memory.used{area=heap} for command-side, query-side, projections; jcmd GC.heap_info for "
                    + "agents (they serve no metrics endpoint). RSS: /proc/<pid>/status VmRSS. Child JVMs: "
                    + String.join(" ", options.childJvmOptions()));
        }
        for (int run = 1; run <= options.repeats(); run++) {
            runOnce(run);
        }
    }

    private void runOnce(int run) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("run", run);
        FlightRecordings recordings = profileDir != null && run == 1 ? startRecordings() : null;
        try (CompletionTracker tracker = new CompletionTracker(rig.readModels(), Duration.ofMillis(250), 1000, false)) {
            ClosedLoopSubmitter submitter = new ClosedLoopSubmitter(rig.command(), tracker, options.submitters(),
                    maxOutstanding(), options.submitBatch());
            try {
                progress.say("1. lifecycle run %d/%d: warm-up %s", run, options.repeats(),
                        BenchmarkOptions.text(options.warmup()));
                waitReporting(options.warmup(), tracker, submitter);
                Counters before = Counters.read(rig);
                CpuSplit cpu = CpuSplit.begin(rig.processes());
                submitter.recordLatencies(true);
                ProjectionLagSampler sampler = lag == null ? null : new ProjectionLagSampler(
                        rig.kafka().bootstrap(), rig.readModels(), Duration.ofMillis(20), 5, 100);
                Instant windowStart = Instant.now();
                progress.say("1. lifecycle run %d/%d: measuring for %s", run, options.repeats(),
                        BenchmarkOptions.text(options.duration()));
                waitReporting(options.duration(), tracker, submitter);
                Instant windowEnd = Instant.now();
                Counters after = Counters.read(rig);
                List<CpuSplit.Share> shares = cpu.end();
                if (sampler != null) {
                    sampler.close();
                    recordLag(run, sampler);
                }
                submitter.recordLatencies(false);
                if (memory != null) {
                    recordMemory(run);
                }
                recordThroughput(details, before, after, shares, submitter);
                if (recordings != null) {
                    details.put("profiles", summarise(recordings.stop(), windowStart, windowEnd));
                    recordings = null;
                }
            } finally {
                submitter.close();
                if (recordings != null) {
                    recordings.stop();
                }
            }
            boolean drained = tracker.awaitDrained(Duration.ofMinutes(2));
            details.put("drainedAfterWindow", drained);
            details.put("notCompletedAfterDrain", tracker.outstanding());
            if (tracker.otherFinal() > 0) {
                throughput.note("run " + run + ": " + tracker.otherFinal() + " noop task(s) ended DEAD_LETTERED or "
                        + "CANCELLED");
            }
        }
        throughput.run(details);
    }

    /** The backlog cap: as given, else 4x what the fleet holds at once (every slot and queue place). */
    private int maxOutstanding() {
        return options.maxOutstanding() > 0 ? options.maxOutstanding()
                : 4 * options.agents() * (options.agentSlots() + options.agentMaxQueue());
    }

    private void recordThroughput(Map<String, Object> details, Counters before, Counters after,
                                  List<CpuSplit.Share> shares, ClosedLoopSubmitter submitter) {
        double tasks = before.completed().ratePerSecond(after.completed());
        double stored = before.storedEvents().ratePerSecond(after.storedEvents());
        double kafka = before.kafkaRecords().ratePerSecond(after.kafkaRecords());
        double projected = before.projected().ratePerSecond(after.projected());
        throughput.metric("tasks COMPLETED in read model", "tasks/s", Target.atLeast(1000, ">= 1,000 tasks/s"))
                .add(tasks);
        throughput.metric("events into the event store", "events/s").add(stored);
        throughput.metric("events onto Kafka", "events/s").add(kafka);
        throughput.metric("events committed by projections", "events/s").add(projected);
        throughput.metric("events per completed task", "events/task").add(tasks > 0 ? stored / tasks : Double.NaN);
        double commits = before.commits().ratePerSecond(after.commits());
        throughput.metric("PostgreSQL commits (event store database)", "commits/s").add(commits);
        throughput.metric("PostgreSQL commits per completed task", "commits/task")
                .add(tasks > 0 ? commits / tasks : Double.NaN);
        Percentiles create = Percentiles.of(submitter.latencies());
        throughput.metric("create request latency p50", "ms").add(create.p50());
        throughput.metric("create request latency p99", "ms").add(create.p99());
        for (CpuSplit.Share share : shares) {
            throughput.metric("CPU " + share.process(), "% of a core").add(share.percentOfOneCore());
        }
        details.put("completedInWindow", after.completed().value() - before.completed().value());
        details.put("storedEventsInWindow", after.storedEvents().value() - before.storedEvents().value());
        details.put("kafkaRecordsInWindow", after.kafkaRecords().value() - before.kafkaRecords().value());
        details.put("projectedInWindow", after.projected().value() - before.projected().value());
        details.put("storedEventsByType", rig.eventStore().eventTypesAfter(before.maxGlobalIndex()));
        details.put("createRequests", create.describe());
        details.put("createRequestsRefused", submitter.refused());
        details.put("cpu", shares.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("process", s.process());
            m.put("percentOfOneCore", Math.round(s.percentOfOneCore() * 10) / 10.0);
            m.put("topThreads", s.topThreads());
            return m;
        }).toList());
        progress.say("1. lifecycle: %.0f tasks/s COMPLETED, events/s: store %.0f, Kafka %.0f, projections %.0f",
                tasks, stored, kafka, projected);
    }

    private void recordLag(int run, ProjectionLagSampler sampler) {
        Percentiles visible = Percentiles.of(sampler.lags());
        Percentiles onKafka = Percentiles.of(sampler.onKafka());
        lag.metric("appended -> visible in MongoDB p50", "ms").add(visible.p50());
        lag.metric("appended -> visible in MongoDB p99", "ms", Target.atMost(250, "p99 <= 250 ms"))
                .add(visible.p99());
        lag.metric("appended -> visible in MongoDB max", "ms").add(visible.max());
        lag.metric("appended -> on Kafka p50", "ms").add(onKafka.p50());
        lag.metric("appended -> on Kafka p99", "ms").add(onKafka.p99());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("run", run);
        details.put("visibleInMongo", visible.describe());
        details.put("onKafka", onKafka.describe());
        details.put("samplesDropped", sampler.dropped());
        details.put("samplesNotVisibleWithin60s", sampler.expired());
        lag.run(details);
        progress.say("3. projection lag: p50 %.0f ms, p99 %.0f ms (%d samples; on Kafka p50 %.0f ms)",
                visible.p50(), visible.p99(), visible.count(), onKafka.p50());
    }

    private void recordMemory(int run) {
        List<MemoryProbe.Reading> readings = MemoryProbe.measure(rig);
        for (MemoryProbe.Reading r : readings) {
            boolean app = !r.process().startsWith("benchmark");
            boolean agent = r.process().startsWith("agent");
            memory.metric("heap used: " + r.process(), "MB", app ? Target.atMost(512, "<= 512 MB heap") : null)
                    .add(r.heapMb());
            memory.metric("RSS: " + r.process(), "MB", agent ? Target.atMost(200, "agent <= 200 MB RSS") : null)
                    .add(r.rssMb());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("run", run);
        details.put("processes", readings.stream().map(MemoryProbe.Reading::describe).toList());
        memory.run(details);
    }

    private FlightRecordings startRecordings() {
        Map<String, Long> jvms = new LinkedHashMap<>();
        jvms.put("benchmark-jvm-kafka-mongo", ProcessHandle.current().pid());
        for (Proc app : rig.processes().apps()) {
            jvms.put(app.name(), app.pid());
        }
        progress.say("Profiling: starting JFR (settings=profile) on %d JVMs -> %s", jvms.size(), profileDir);
        FlightRecordings recordings = FlightRecordings.start(jvms, profileDir);
        progress.say("Profiling: recording; only the measured window is summarised");
        return recordings;
    }

    private Map<String, Object> summarise(Map<String, Path> files, Instant from, Instant to) {
        Map<String, Object> summaries = new LinkedHashMap<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            try {
                JfrSummary summary = JfrSummary.of(file.getValue(), from, to);
                Path text = file.getValue().resolveSibling(file.getValue().getFileName().toString()
                        .replace(".jfr", ".txt"));
                Files.writeString(text, summary.text(40));
                summaries.put(file.getKey(), summary.describe(12));
            } catch (IOException | RuntimeException e) {
                summaries.put(file.getKey(), "unreadable: " + e);
            }
        }
        progress.say("Profiles written to %s", profileDir);
        return summaries;
    }

    private void waitReporting(Duration duration, CompletionTracker tracker, ClosedLoopSubmitter submitter) {
        long end = System.nanoTime() + duration.toNanos();
        long lastCompleted = tracker.completed();
        long lastAt = System.nanoTime();
        while (System.nanoTime() < end) {
            // The load runs on its own threads; this thread only reports progress every 10 s.
            LockSupport.parkNanos(Math.min(end - System.nanoTime(), Duration.ofSeconds(10).toNanos()));
            long now = System.nanoTime();
            long completed = tracker.completed();
            if (now < end - Duration.ofSeconds(1).toNanos() || duration.toSeconds() >= 10) {
                progress.say("   ~%.0f tasks/s completed, %d outstanding, %d submitted",
                        (completed - lastCompleted) / ((now - lastAt) / 1e9), tracker.outstanding(),
                        submitter.accepted());
            }
            lastCompleted = completed;
            lastAt = now;
        }
    }
}
