package io.aviary.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.aviary.benchmarks.report.BenchmarkReport;
import io.aviary.benchmarks.rig.Rig;
import io.aviary.events.worker.WorkerIds;
import io.aviary.standalone.Platform;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark in its quick mode, so that it cannot rot: scenarios 1, 2 (one rate), 4, 5 and 7 against the embedded
 * stack and the platform's apps as child processes. Asserts that the report is complete and well-formed and that
 * the documents scenario 5 inserts have the shapes the projections write — never how fast anything was.
 */
class QuickBenchmarkSmokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REPEATS = 1;

    @Test
    void quickRunWritesACompleteWellFormedReport(@TempDir Path output) throws IOException {
        // given the quick mode, one offered rate, tiny sizes
        List<String> arguments = List.of("--quick", "--scenarios=1,2,4,5,7", "--rates=50", "--repeats=" + REPEATS,
                "--agents=1", "--agent-slots=2", "--max-outstanding=60", "--warmup=1s", "--duration=3s",
                "--latency-duration=2s", "--replay-events=5000", "--replay-models=tasks,accounts", "--query-workers=300",
                "--query-tasks=5000", "--query-requests=5", "--query-time-limit=2s", "--side-by-side-tasks=100",
                "--output=" + output, "--apps-dir=" + System.getProperty("aviary.apps.dir"));
        BenchmarkOptions options = BenchmarkOptions.parse(arguments.toArray(String[]::new));
        BenchmarkReport report = new BenchmarkReport(arguments);
        Progress progress = new Progress(new PrintStream(System.out, true));

        // when it runs
        try (Rig rig = Rig.start(options, progress)) {
            new Benchmark(options, progress, report).run(rig);

            // then scenario 5's documents look like the ones the projections wrote for the real tasks and agents
            assertSeededDocumentsHaveTheProjectionsShapes(rig.readModels().database());
        }
        report.finish();
        JsonNode json = JSON.readTree(report.write(output).toFile());

        // then the report names the machine and the settings
        JsonNode machine = json.path("machine");
        assertThat(machine.path("cores").asInt()).isPositive();
        assertThat(machine.path("memoryTotalMb").asLong()).isPositive();
        assertThat(machine.path("jvm").asText()).isNotBlank();
        assertThat(machine.path("os").asText()).isNotBlank();
        assertThat(machine.path("loadAverageAtStart").asText()).isNotBlank();
        assertThat(json.path("settings").path("repeats").asInt()).isEqualTo(REPEATS);
        assertThat(json.path("environment").path("servers").path("postgres").asText()).contains("fsync=on");

        // and every asked scenario ran, with its figures over the runs
        Map<Integer, JsonNode> scenarios = new java.util.HashMap<>();
        json.path("scenarios").forEach(s -> scenarios.put(s.path("number").asInt(), s));
        assertThat(scenarios).containsOnlyKeys(1, 2, 4, 5, 7);
        for (JsonNode scenario : scenarios.values()) {
            assertThat(scenario.path("status").asText()).as("scenario %s: %s", scenario.path("number"),
                    scenario.path("error").asText()).isEqualTo("ok");
            assertThat(scenario.path("metrics")).as("metrics of %s", scenario.path("id")).isNotEmpty();
            assertThat(scenario.path("runs")).as("runs of %s", scenario.path("id")).isNotEmpty();
            assertThat(scenario.path("notes")).as("notes of %s", scenario.path("id")).isNotEmpty();
            for (JsonNode metric : scenario.path("metrics")) {
                assertThat(metric.path("name").asText()).isNotBlank();
                assertThat(metric.path("unit").asText()).isNotBlank();
                assertThat(metric.has("median") && metric.has("min") && metric.has("max")).isTrue();
                assertThat(metric.path("runs")).hasSize(REPEATS);
            }
        }
        assertThat(metricNames(scenarios.get(1))).contains("tasks COMPLETED in read model",
                "events into the event store", "events onto Kafka", "events committed by projections");
        assertThat(metricNames(scenarios.get(2))).contains("50/s created -> started p50",
                "50/s created -> COMPLETED visible p99");
        assertThat(metricNames(scenarios.get(4))).contains("rebuild tasks", "rebuild accounts");
        assertThat(metricNames(scenarios.get(5))).contains("GET /workers?state=AVAILABLE p99",
                "GET /tasks?status=RUNNING p99", "GET /workers/{id}/queue?view=history p99");
        assertThat(metricNames(scenarios.get(7))).contains("Aviary / JobRunr", "Aviary / baseline (events/s)");

        // and the work was really done: every rebuild replayed the synthetic history, every side-by-side batch ended
        JsonNode replayRun = scenarios.get(4).path("runs").get(0);
        assertThat(replayRun.path("tasks").path("processed").asLong()).isGreaterThanOrEqualTo(5000);
        assertThat(replayRun.path("accounts").path("state").asText()).isEqualTo("DONE");
        JsonNode sideBySide = scenarios.get(7).path("runs").get(0);
        assertThat(sideBySide.path("aviary").path("complete").asBoolean()).isTrue();
        assertThat(sideBySide.path("jobrunr").path("complete").asBoolean()).isTrue();
        assertThat(sideBySide.path("baseline").path("events").asLong())
                .isEqualTo(sideBySide.path("aviary").path("events").asLong()).isPositive();

        // and every target has a verdict
        assertThat(json.path("targets")).isNotEmpty();
        json.path("targets").forEach(t -> assertThat(t.path("met").isBoolean()).as("%s", t).isTrue());
    }

    private static void assertSeededDocumentsHaveTheProjectionsShapes(MongoDatabase db) {
        String agent = WorkerIds.forName(Platform.agentName(1));
        String seeded = WorkerIds.forName("bench-query-worker-1");
        Document realTask = db.getCollection("tasks").find(Filters.and(Filters.eq("workerId", agent),
                Filters.eq("status", "COMPLETED"))).first();
        Document seededTask = db.getCollection("tasks").find(Filters.and(Filters.eq("workerId", seeded),
                Filters.eq("status", "COMPLETED"))).first();
        assertThat(realTask).as("a task the platform completed").isNotNull();
        assertThat(seededTask).as("a seeded COMPLETED task").isNotNull();
        assertSameShape("tasks", realTask, seededTask);

        for (String collection : List.of("workers", "worker_queues", "accounts")) {
            Document real = db.getCollection(collection).find(Filters.eq("_id", agent)).first();
            Document fake = db.getCollection(collection).find(Filters.eq("_id", seeded)).first();
            assertThat(real).as("%s of %s", collection, Platform.agentName(1)).isNotNull();
            assertThat(fake).as("seeded %s", collection).isNotNull();
            assertSameShape(collection, real, fake);
        }
    }

    /**
     * Same field names at every level both documents have: sub-documents key by key (map-like ones such as
     * {@code lastOutcomes} by the shape of their values), lists by their first element when both are non-empty.
     */
    private static void assertSameShape(String path, Object real, Object seeded) {
        if (real instanceof Document r && seeded instanceof Document s) {
            if (MAP_LIKE.stream().anyMatch(path::endsWith)) {
                if (!r.isEmpty() && !s.isEmpty()) {
                    assertSameShape(path + ".*", r.values().iterator().next(), s.values().iterator().next());
                }
                return;
            }
            assertThat(new TreeSet<>(s.keySet())).as("fields of %s", path).isEqualTo(new TreeSet<>(r.keySet()));
            for (String key : r.keySet()) {
                assertSameShape(path + "." + key, r.get(key), s.get(key));
            }
        } else if (real instanceof List<?> r && seeded instanceof List<?> s && !r.isEmpty() && !s.isEmpty()) {
            assertSameShape(path + "[]", r.get(0), s.get(0));
        }
    }

    private static final List<String> MAP_LIKE = List.of("lastOutcomes", "labels", "payload", "output",
            "requiredLabels");

    private static Set<String> metricNames(JsonNode scenario) {
        Set<String> names = new HashSet<>();
        scenario.path("metrics").forEach(m -> names.add(m.path("name").asText()));
        return names;
    }
}
