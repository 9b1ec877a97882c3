package io.aviary.benchmarks.sidebyside;

import io.aviary.benchmarks.BenchmarkOptions;
import io.aviary.benchmarks.Progress;
import io.aviary.benchmarks.report.ScenarioReport;
import io.aviary.benchmarks.report.Target;
import io.aviary.benchmarks.rig.Rig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 7, in the same run on the same machine: per run, Aviary's batch of {@code n} no-op tasks, then JobRunr's
 * {@code n} no-op jobs on the same PostgreSQL with as many workers as Aviary has agent slots, then the raw Kafka +
 * Mongo baseline re-sending exactly the records of Aviary's batch. Interleaved per run, so drift of the shared
 * machine hits all three alike.
 */
public final class SideBySideScenario {

    private final Rig rig;
    private final BenchmarkOptions options;
    private final Progress progress;
    private final ScenarioReport report;

    public SideBySideScenario(Rig rig, Progress progress, ScenarioReport report) {
        this.rig = rig;
        this.options = rig.options();
        this.progress = progress;
        this.report = report;
    }

    public void run() {
        int n = options.sideBySideTasks();
        Duration timeout = Duration.ofMinutes(10);
        report.setting("tasksAndJobsPerRun", n)
                .setting("aviaryAgentSlots", options.totalSlots())
                .setting("jobrunrVersion", jobrunrVersion())
                .setting("jobrunrWorkers", options.totalSlots())
                .setting("jobrunrPollInterval", BenchmarkOptions.text(options.jobrunrPollInterval()))
                .setting("jobrunrStorage", "PostgresStorageProvider, database '" + JobRunrRunner.DATABASE
                        + "' on the same embedded PostgreSQL (durable commits)")
                .setting("concurrentSubmitters", options.submitters());
        report.note("Aviary: " + n + " noop tasks, " + options.submitters() + " create requests in flight, timed "
                + "from the first request to the last task COMPLETED in the read model (polled by _id every 100 ms); "
                + "enqueue -> start = TaskCreated -> TaskStarted in the timeline (first 2,000 tasks).");
        report.note("JobRunr " + jobrunrVersion() + ": the same count of no-op JobRequests enqueued one by one from "
                + options.submitters() + " threads (like Aviary's one request per task; JobRunr's bulk enqueue "
                + "would be faster), background job server in the benchmark JVM with " + options.totalSlots()
                + " workers and poll interval " + BenchmarkOptions.text(options.jobrunrPollInterval())
                + " (the smallest JobRunr accepts with a SQL database); timed from the first enqueue until "
                + "countJobs(SUCCEEDED) grew by the count (polled every 100 ms); enqueue -> start = ENQUEUED -> "
                + "PROCESSING in each job's history (first 2,000 jobs).");
        report.note("Raw baseline: the exact records of Aviary's batch (same count, keys, headers, values) produced to a "
                + "fresh topic on the same broker (acks=all, idempotent, linger 5 ms) while one plain consumer upserts "
                + "them into the same Mongo server (one unordered bulkWrite of $set by _id per poll of <= 500). "
                + "Aviary's events/s = its batch's records on aviary.events / the batch's time.");
        AviaryBatchRunner aviary = new AviaryBatchRunner(rig);
        RawPipelineBaseline baseline = new RawPipelineBaseline(rig.kafka().bootstrap(), rig.kafka(), rig.readModels(),
                options.partitions());
        progress.say("7. starting JobRunr (PostgreSQL storage, %d workers)", options.totalSlots());
        try (JobRunrRunner jobrunr = new JobRunrRunner(rig.eventStore(), options.totalSlots(),
                options.jobrunrPollInterval())) {
            for (int run = 1; run <= options.repeats(); run++) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("run", run);
                progress.say("7. run %d/%d: Aviary, %d noop tasks", run, options.repeats(), n);
                AviaryBatchRunner.Result a = aviary.run(n, options.submitters(), timeout);
                progress.say("7. Aviary: %.0f tasks/s (%.1f s), %d events, %.0f events/s", a.tasksPerSecond(),
                        a.seconds(), a.events(), a.eventsPerSecond());
                progress.say("7. run %d/%d: JobRunr, %d no-op jobs", run, options.repeats(), n);
                JobRunrRunner.Result j = jobrunr.run(n, options.submitters(), timeout);
                progress.say("7. JobRunr: %.0f jobs/s (%.1f s), enqueue -> start p50 %.0f ms", j.jobsPerSecond(),
                        j.seconds(), j.enqueueToStart().p50());
                List<ConsumerRecord<byte[], byte[]>> records = baseline.copy(a.kafkaBefore(), a.kafkaAfter());
                progress.say("7. run %d/%d: raw Kafka + Mongo baseline, %d records", run, options.repeats(),
                        records.size());
                RawPipelineBaseline.Result b = baseline.run(records);
                progress.say("7. baseline: %.0f events/s (%.1f s)", b.eventsPerSecond(), b.seconds());

                report.metric("Aviary tasks/s (submit -> COMPLETED visible)", "tasks/s").add(a.tasksPerSecond());
                report.metric("JobRunr jobs/s (enqueue -> SUCCEEDED)", "jobs/s").add(j.jobsPerSecond());
                report.metric("Aviary / JobRunr", "ratio", Target.atLeast(1.0, ">= 1.0x JobRunr"))
                        .add(a.tasksPerSecond() / j.jobsPerSecond());
                report.metric("Aviary created -> started p50", "ms").add(a.createdToStarted().p50());
                report.metric("Aviary created -> started p99", "ms").add(a.createdToStarted().p99());
                report.metric("JobRunr enqueued -> processing p50", "ms").add(j.enqueueToStart().p50());
                report.metric("JobRunr enqueued -> processing p99", "ms").add(j.enqueueToStart().p99());
                report.metric("Aviary events/s (batch records / batch time)", "events/s").add(a.eventsPerSecond());
                report.metric("raw Kafka + Mongo baseline events/s", "events/s").add(b.eventsPerSecond());
                report.metric("Aviary / baseline (events/s)", "ratio", Target.atLeast(0.25, ">= 0.25 of baseline"))
                        .add(a.eventsPerSecond() / b.eventsPerSecond());
                details.put("aviary", describe(a));
                details.put("jobrunr", describe(j));
                details.put("baseline", describe(b));
                report.run(details);
            }
        }
    }

    private static Map<String, Object> describe(AviaryBatchRunner.Result a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("tasks", a.tasks());
        d.put("complete", a.complete());
        d.put("seconds", round(a.seconds()));
        d.put("tasksPerSecond", round(a.tasksPerSecond()));
        d.put("createsPerSecond", round(a.createPerSecond()));
        d.put("events", a.events());
        d.put("eventsPerSecond", round(a.eventsPerSecond()));
        d.put("createdToStarted", a.createdToStarted().describe());
        return d;
    }

    private static Map<String, Object> describe(JobRunrRunner.Result j) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("jobs", j.jobs());
        d.put("complete", j.complete());
        d.put("seconds", round(j.seconds()));
        d.put("jobsPerSecond", round(j.jobsPerSecond()));
        d.put("enqueuesPerSecond", round(j.enqueuePerSecond()));
        d.put("enqueuedToProcessing", j.enqueueToStart().describe());
        return d;
    }

    private static Map<String, Object> describe(RawPipelineBaseline.Result b) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("events", b.events());
        d.put("seconds", round(b.seconds()));
        d.put("eventsPerSecond", round(b.eventsPerSecond()));
        d.put("averageValueBytes", round(b.averageValueBytes()));
        return d;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static String jobrunrVersion() {
        Package p = org.jobrunr.configuration.JobRunr.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
