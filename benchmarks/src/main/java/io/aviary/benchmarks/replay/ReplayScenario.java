package io.aviary.benchmarks.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.benchmarks.BenchmarkOptions;
import io.aviary.benchmarks.Progress;
import io.aviary.benchmarks.report.ScenarioReport;
import io.aviary.benchmarks.report.Target;
import io.aviary.benchmarks.rig.KafkaOffsets;
import io.aviary.benchmarks.rig.QueryApi;
import io.aviary.benchmarks.rig.Rig;
import io.aviary.events.Topics;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 4: rebuild read models from Kafka offset 0. The benchmark first writes a synthetic history of at least
 * {@code --replay-events} events straight to {@code aviary.events} (see {@link SyntheticEvents}), waits until the
 * live projection has caught up with it (that rate is reported too), then rebuilds each model through the
 * projections' rebuild API and times it: from the POST to state DONE, events/s = events replayed / that time.
 */
public final class ReplayScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SYNTHETIC_WORKERS = 100;

    private final Rig rig;
    private final BenchmarkOptions options;
    private final Progress progress;
    private final ScenarioReport report;

    public ReplayScenario(Rig rig, Progress progress, ScenarioReport report) {
        this.rig = rig;
        this.options = rig.options();
        this.progress = progress;
        this.report = report;
    }

    public void run() {
        Duration span = Duration.ofDays(30);
        report.setting("syntheticEvents", options.replayEvents()).setting("syntheticWorkers", SYNTHETIC_WORKERS)
                .setting("syntheticTasks", SyntheticEvents.tasksFor(options.replayEvents(), SYNTHETIC_WORKERS))
                .setting("eventTimesSpread", "30 days ending now")
                .setting("models", options.replayModels());
        report.note("Synthetic but schema-valid history written by the benchmark straight to aviary.events (not "
                + "through the command side, for speed): " + SYNTHETIC_WORKERS + " workers registered with accounts "
                + "opened, then no-op tasks created, assigned (+ fee charged), started, completed SUCCESS (+ reward "
                + "credited): 6 events per task, coherent sequences and balances. The replay reads the whole topic "
                + "(also the events of earlier scenarios).");
        report.note("Each rebuild: POST /api/v1/admin/projections/{model}/rebuild, then GET every 500 ms until DONE; "
                + "events/s = processed / (POST -> DONE), so consumer start-up and the swap are included. tasks, "
                + "workers and worker_queues are one projection: rebuilding any replays all three.");

        long before = rig.kafka().endOffsets(Topics.EVENTS);
        progress.say("4. writing %,d synthetic events to %s", options.replayEvents(), Topics.EVENTS);
        long began = System.nanoTime();
        long sent = new SyntheticEvents(SYNTHETIC_WORKERS, span, "bench-replay-worker")
                .writeTo(rig.kafka().bootstrap(), options.replayEvents());
        double writeSeconds = (System.nanoTime() - began) / 1e9;
        long topicSize = rig.kafka().endOffsets(Topics.EVENTS);
        report.setting("eventsOnTopicBeforeReplay", topicSize);
        progress.say("4. wrote %,d events in %.1f s (%.0f/s); topic holds %,d; waiting for the live projection",
                sent, writeSeconds, sent / writeSeconds, topicSize);
        report.metric("synthetic events written to Kafka", "events/s").add(sent / writeSeconds);
        double catchUp = awaitLiveCatchUp(sent, began);
        report.metric("live projection catching up on the synthetic events", "events/s").add(catchUp);
        for (int run = 1; run <= options.repeats(); run++) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("run", run);
            double totalSeconds = 0;
            long totalEvents = 0;
            for (String model : options.replayModels()) {
                Rebuild r = rebuild(model, run);
                totalSeconds += r.seconds;
                totalEvents += r.processed;
                report.metric("rebuild " + model, "events/s", Target.atLeast(20_000, ">= 20,000 events/s"))
                        .add(r.processed / r.seconds);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("processed", r.processed);
                m.put("seconds", Math.round(r.seconds * 10) / 10.0);
                m.put("eventsPerSecond", Math.round(r.processed / r.seconds));
                m.put("serviceReportedEventsPerSecond", r.serviceRate);
                m.put("state", r.state);
                details.put(model, m);
            }
            report.metric("all listed models, one after another", "events/s").add(totalEvents / totalSeconds);
            report.run(details);
        }
    }

    private double awaitLiveCatchUp(long sent, long began) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
        long lastLog = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long lag = rig.kafka().lag(KafkaOffsets.PROJECTIONS_GROUP, Topics.EVENTS);
            if (lag == 0) {
                double seconds = (System.nanoTime() - began) / 1e9;
                progress.say("4. live projection caught up after %.1f s (%.0f events/s incl. writing)", seconds,
                        sent / seconds);
                return sent / seconds;
            }
            if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(15)) {
                progress.say("   live projection: %,d events to go", lag);
                lastLog = System.nanoTime();
            }
            // Waiting for another process; a second is fine grain for a phase of minutes.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
        throw new IllegalStateException("the live projection did not catch up within 60 minutes");
    }

    private record Rebuild(long processed, double seconds, Object serviceRate, String state) {
    }

    private Rebuild rebuild(String model, int run) {
        String url = rig.projectionsUrl() + "/api/v1/admin/projections/" + model;
        QueryApi http = rig.query();
        long start = System.nanoTime();
        QueryApi.Answer posted = http.post(url + "/rebuild", "{}");
        if (posted.status() != 202) {
            throw new IllegalStateException("rebuild of " + model + " answered " + posted.status() + ": "
                    + posted.body());
        }
        long lastLog = System.nanoTime();
        while (true) {
            // The rebuild runs in the projections app; its state endpoint is polled twice a second.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            QueryApi.Answer answer = http.get(url);
            JsonNode state = read(answer.body());
            String name = state.path("state").asText();
            if (name.equals("DONE") || name.equals("FAILED")) {
                double seconds = (System.nanoTime() - start) / 1e9;
                if (name.equals("FAILED")) {
                    throw new IllegalStateException("rebuild of " + model + " FAILED: " + state.path("error"));
                }
                long processed = state.path("processed").asLong();
                progress.say("4. run %d/%d: %s rebuilt, %,d events in %.1f s = %.0f events/s", run,
                        options.repeats(), model, processed, seconds, processed / seconds);
                return new Rebuild(processed, seconds, state.path("eventsPerSecond").isNumber()
                        ? state.path("eventsPerSecond").asDouble() : null, name);
            }
            if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(15)) {
                progress.say("   %s: %s %s/%s", model, state.path("phase").asText(), state.path("processed").asText(),
                        state.path("total").asText());
                lastLog = System.nanoTime();
            }
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
