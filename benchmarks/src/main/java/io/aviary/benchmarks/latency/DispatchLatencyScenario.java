package io.aviary.benchmarks.latency;

import io.aviary.benchmarks.BenchmarkOptions;
import io.aviary.benchmarks.Progress;
import io.aviary.benchmarks.lifecycle.CompletionTracker;
import io.aviary.benchmarks.report.ScenarioReport;
import io.aviary.benchmarks.report.Target;
import io.aviary.benchmarks.rig.CommandApi;
import io.aviary.benchmarks.rig.Rig;
import io.aviary.benchmarks.stats.Percentiles;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 2: dispatch latency at fixed offered rates. For every task submitted in the window: created -> started on
 * an agent and created -> assigned from the task's timeline in the {@code tasks} read model (event times, ms), and
 * created -> COMPLETED visible in the read model (the completion poller's time, resolution 10 ms).
 */
public final class DispatchLatencyScenario {

    private static final Duration POLL = Duration.ofMillis(10);

    private final Rig rig;
    private final BenchmarkOptions options;
    private final Progress progress;
    private final ScenarioReport report;

    public DispatchLatencyScenario(Rig rig, Progress progress, ScenarioReport report) {
        this.rig = rig;
        this.options = rig.options();
        this.progress = progress;
        this.report = report;
    }

    public void run() {
        Duration warmup = warmup();
        report.setting("rates", options.rates()).setting("window", BenchmarkOptions.text(options.latencyDuration()))
                .setting("warmupPerRate", BenchmarkOptions.text(warmup))
                .setting("completionPollInterval", BenchmarkOptions.text(POLL))
                .setting("agents", options.agents()).setting("agentSlots", options.agentSlots());
        report.note("Open loop: one create request every 1/rate s on a fixed schedule (at most 1,000 unanswered). "
                + "created = the TaskCreated entry of the task's timeline, started = its first TaskStarted (the agent "
                + "reported the start; command-side's event time), assigned = first TaskAssigned; COMPLETED visible = "
                + "when a poller (by _id, every 10 ms) first saw status COMPLETED: late by up to 10 ms + one query.");
        report.note("A rate is not sustained when the backlog (submitted, not yet COMPLETED in the read model) "
                + "exceeds max(200, 5 s of that rate): the window is cut there, its tasks are still measured, and "
                + "higher rates are skipped (their latencies would only grow: reported as unbounded, target missed).");
        Integer overloadedAt = null;
        for (int rate : options.rates()) {
            if (overloadedAt != null) {
                skip(rate, overloadedAt);
                continue;
            }
            boolean overloaded = false;
            for (int run = 1; run <= options.repeats(); run++) {
                overloaded |= runOnce(rate, run, warmup);
            }
            if (overloaded) {
                overloadedAt = rate;
            }
        }
    }

    /** A rate above one the platform could not sustain: unbounded latency, so that its target reads as missed. */
    private void skip(int rate, int overloadedAt) {
        progress.say("2. %d tasks/s skipped: %d tasks/s was not sustained", rate, overloadedAt);
        report.note(rate + "/s skipped: " + overloadedAt + "/s was not sustained already.");
        String prefix = rate + "/s ";
        boolean target = rate == 200;
        report.metric(prefix + "created -> started p50", "ms", target ? Target.atMost(20, "p50 <= 20 ms") : null)
                .add(Double.POSITIVE_INFINITY);
        report.metric(prefix + "created -> started p99", "ms", target ? Target.atMost(100, "p99 <= 100 ms") : null)
                .add(Double.POSITIVE_INFINITY);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rate", rate);
        details.put("skipped", "not sustainable: " + overloadedAt + "/s already overloaded the platform");
        report.run(details);
    }

    private Duration warmup() {
        Duration half = options.latencyDuration().dividedBy(2);
        return half.compareTo(Duration.ofSeconds(5)) < 0 ? half : Duration.ofSeconds(5);
    }

    /** One window at one rate; true when the platform did not keep up with it. */
    private boolean runOnce(int rate, int run, Duration warmup) {
        progress.say("2. dispatch latency at %d tasks/s, run %d/%d: %s warm-up + %s measured", rate, run,
                options.repeats(), BenchmarkOptions.text(warmup), BenchmarkOptions.text(options.latencyDuration()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rate", rate);
        details.put("run", run);
        try (CompletionTracker tracker = new CompletionTracker(rig.readModels(), POLL, 1000, true)) {
            List<CommandApi.Created> measured;
            double achieved;
            long refused;
            int backlog;
            int overload = Math.max(200, rate * 5);
            boolean overloaded;
            double measuredSeconds;
            try (OpenLoopSubmitter submitter = new OpenLoopSubmitter(rig.command(), tracker, rate, 1000)) {
                overloaded = !pauseUnlessOverloaded(warmup, tracker, overload);
                long began = System.nanoTime();
                submitter.measuring(true);
                overloaded |= !pauseUnlessOverloaded(overloaded ? Duration.ZERO : options.latencyDuration(), tracker,
                        overload);
                submitter.measuring(false);
                measuredSeconds = (System.nanoTime() - began) / 1e9;
                achieved = submitter.achievedRate();
                measured = submitter.measured();
                refused = submitter.refused();
                backlog = tracker.outstanding();
            }
            if (overloaded) {
                progress.say("2. %d tasks/s not sustained: backlog over %d tasks after %.1f s of measuring", rate,
                        overload, measuredSeconds);
            }
            boolean drained = tracker.awaitDrained(Duration.ofMinutes(5));
            Map<String, Long> visibleAt = tracker.visibleAt();
            List<String> ids = measured.stream().map(CommandApi.Created::taskId).toList();
            List<Document> documents = rig.readModels().taskDocuments(ids);
            Samples samples = Samples.of(documents, visibleAt);
            Percentiles started = Percentiles.of(samples.createdToStarted);
            Percentiles assigned = Percentiles.of(samples.createdToAssigned);
            Percentiles visible = Percentiles.of(samples.createdToVisible);
            Percentiles create = Percentiles.of(measured.stream().mapToDouble(CommandApi.Created::latencyMs)
                    .toArray());
            String prefix = rate + "/s ";
            boolean target = rate == 200;
            report.metric(prefix + "offered rate achieved", "tasks/s").add(achieved);
            report.metric(prefix + "created -> started p50", "ms",
                    target ? Target.atMost(20, "p50 <= 20 ms") : null).add(started.p50());
            report.metric(prefix + "created -> started p95", "ms").add(started.p95());
            report.metric(prefix + "created -> started p99", "ms",
                    target ? Target.atMost(100, "p99 <= 100 ms") : null).add(started.p99());
            report.metric(prefix + "created -> started max", "ms").add(started.max());
            report.metric(prefix + "created -> assigned p50", "ms").add(assigned.p50());
            report.metric(prefix + "created -> assigned p99", "ms").add(assigned.p99());
            report.metric(prefix + "created -> COMPLETED visible p50", "ms").add(visible.p50());
            report.metric(prefix + "created -> COMPLETED visible p95", "ms").add(visible.p95());
            report.metric(prefix + "created -> COMPLETED visible p99", "ms").add(visible.p99());
            report.metric(prefix + "created -> COMPLETED visible max", "ms").add(visible.max());
            report.metric(prefix + "create request p99", "ms").add(create.p99());
            report.metric(prefix + "backlog at end of window", "tasks").add(backlog);
            details.put("overloaded", overloaded);
            details.put("measuredSeconds", Math.round(measuredSeconds * 10) / 10.0);
            details.put("backlogAtEndOfWindow", backlog);
            details.put("submitted", measured.size());
            details.put("refused", refused);
            details.put("achievedRate", Math.round(achieved * 10) / 10.0);
            details.put("drained", drained);
            details.put("notCompletedWithinTimeout", measured.size() - samples.createdToVisible.length);
            details.put("createdToStarted", started.describe());
            details.put("createdToAssigned", assigned.describe());
            details.put("createdToCompletedVisible", visible.describe());
            details.put("createRequest", create.describe());
            progress.say("2. %d tasks/s: created->started p50 %.0f / p99 %.0f ms; ->COMPLETED visible p50 %.0f / "
                            + "p99 %.0f ms (%d tasks, achieved %.0f/s)", rate, started.p50(), started.p99(),
                    visible.p50(), visible.p99(), measured.size(), achieved);
            report.run(details);
            return overloaded;
        }
    }

    /** The per-task latencies of one run, from the timelines. */
    private record Samples(double[] createdToStarted, double[] createdToAssigned, double[] createdToVisible) {

        static Samples of(List<Document> documents, Map<String, Long> visibleAt) {
            List<Double> started = new ArrayList<>();
            List<Double> assigned = new ArrayList<>();
            List<Double> visible = new ArrayList<>();
            for (Document task : documents) {
                Long created = null;
                Long firstAssigned = null;
                Long firstStarted = null;
                for (Document entry : task.getList("timeline", Document.class, List.of())) {
                    Date at = entry.getDate("at");
                    if (at == null) {
                        continue;
                    }
                    switch (String.valueOf(entry.getString("event"))) {
                        case "TaskCreated" -> created = created == null ? at.getTime() : created;
                        case "TaskAssigned" -> firstAssigned = firstAssigned == null ? at.getTime() : firstAssigned;
                        case "TaskStarted" -> firstStarted = firstStarted == null ? at.getTime() : firstStarted;
                        default -> {
                        }
                    }
                }
                if (created == null) {
                    continue;
                }
                if (firstStarted != null) {
                    started.add((double) (firstStarted - created));
                }
                if (firstAssigned != null) {
                    assigned.add((double) (firstAssigned - created));
                }
                Long seen = visibleAt.get(task.getString("_id"));
                if (seen != null) {
                    visible.add((double) (seen - created));
                }
            }
            return new Samples(array(started), array(assigned), array(visible));
        }

        private static double[] array(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** Waits out the duration; false (early) as soon as the backlog exceeds {@code overload}. */
    private static boolean pauseUnlessOverloaded(Duration duration, CompletionTracker tracker, int overload) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            if (tracker.outstanding() > overload) {
                return false;
            }
            // The load runs on its own thread; this one checks the backlog four times a second.
            LockSupport.parkNanos(Math.min(end - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(250)));
        }
        return true;
    }
}
