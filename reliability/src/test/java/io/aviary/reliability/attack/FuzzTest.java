package io.aviary.reliability.attack;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.reliability.Figures;
import io.aviary.reliability.ReliabilityPlatform;
import io.aviary.reliability.Soak;
import io.aviary.reliability.attack.HostileRequests.Attempt;
import io.aviary.reliability.attack.HostileRequests.Target;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzing from the running OpenAPI documents (command-side, query-side) and projections' admin endpoints: at least
 * 10,000 hostile requests ({@link HostileRequests}), as every role, wrong roles, bad tokens and anonymously. Then:
 * no 5xx, no request left unanswered, every 4xx an {@code application/problem+json} with {@code type}, {@code title}
 * and {@code status}, no command built to be refused accepted, the event store and every read model unchanged, and
 * no injected command ever ran (the canary file does not exist).
 * <p>
 * Seeded and reproducible: the seed is printed; {@code -Daviary.fuzz.seed=<seed>} replays a run,
 * {@code -Daviary.fuzz.requests=<n>} changes its size (default 10,000; 50,000 with {@code -Daviary.reliability.soak}).
 */
class FuzzTest {

    private static final Logger log = LoggerFactory.getLogger(FuzzTest.class);
    /** Where the fuzzer's requests come from: its failed logins lock this address, not 127.0.0.1. */
    private static final InetAddress FUZZER = RawHttp.loopback(66);
    private static final int THREADS = 3;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    @Test
    void hostile_requests_are_refused_with_problem_details_and_change_nothing() throws Exception {
        // given the platform, a caller of each kind, the operations of its documents, and a quiet moment
        ReliabilityPlatform platform = ReliabilityPlatform.get();
        Attackers attackers = Attackers.get();
        long seed = Long.getLong("aviary.fuzz.seed", new SecureRandom().nextLong());
        int count = Integer.getInteger("aviary.fuzz.requests", Soak.pick(10_000, 50_000));
        log.info("FUZZ seed {} ({} requests); replay with -Daviary.fuzz.seed={}", seed, count, seed);
        List<Target> targets = targets();
        HostileRequests requests = new HostileRequests(targets, attackers.all(), seed);
        PlatformState.Snapshot before = PlatformState.quiet(Duration.ofSeconds(3), Duration.ofMinutes(3));

        // when every request is sent
        Results results = send(requests, count);

        // then nothing failed, nothing was accepted that should not be, and nothing changed
        PlatformState.Snapshot after = PlatformState.quiet(Duration.ofSeconds(2), Duration.ofMinutes(2));
        List<String> changes = after.changesSince(before);
        Figures.of("attack: fuzzing (seed " + seed + ")")
                .put("requests", results.sent.get())
                .put("operations", targets.size())
                .put("5xx", results.serverErrors.sum())
                .put("unanswered", results.unanswered.sum())
                .put("problem+json violations", results.notProblems.sum())
                .put("refusals accepted", results.accepted.sum())
                .put("state changes", changes.size())
                .put("statuses", new TreeMap<>(results.statuses))
                .report();
        log.info("FUZZ by identity: {}", new TreeMap<>(results.byIdentity));
        assertThat(results.sent.get()).isGreaterThanOrEqualTo(count);
        List<String> violations = results.violations();
        violations.forEach(v -> log.warn("FUZZ defect: {}", v));
        assertThat(violations).as("defects (seed %d):%n%s", seed, String.join("\n", violations)).isEmpty();
        assertThat(changes).as("state changed by refused requests (seed %d)", seed).isEmpty();
        assertThat(Path.of(Hostile.canary())).as("an injected command ran").doesNotExist();
    }

    /** Every documented operation of command-side and query-side, and projections' admin operations. */
    static List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (Calls.App app : List.of(Calls.App.COMMAND, Calls.App.QUERY)) {
            RawHttp.Response docs = Calls.json(InetAddress.getLoopbackAddress(), app, "GET", "/v3/api-docs", null,
                    List.of());
            assertThat(docs.status()).as("OpenAPI document of %s", app).isEqualTo(200);
            ApiDocument document = new ApiDocument(app, docs.json());
            document.operations().forEach(op -> targets.add(new Target(document, op)));
        }
        ApiDocument projections = new ApiDocument(Calls.App.PROJECTIONS, projectionsDocument());
        projections.operations().forEach(op -> targets.add(new Target(projections, op)));
        log.info("FUZZ targets: {} operations", targets.size());
        return targets;
    }

    /** Projections serves no OpenAPI document: its two admin operations, described the same way. */
    private static JsonNode projectionsDocument() {
        String name = "{\"name\":\"name\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"string\"}}";
        String json = "{\"paths\":{"
                + "\"/api/v1/admin/projections/{name}/rebuild\":{\"post\":{\"parameters\":[" + name + "],"
                + "\"x-aviary-roles\":[\"ADMIN\"]}},"
                + "\"/api/v1/admin/projections/{name}\":{\"get\":{\"parameters\":[" + name + "],"
                + "\"x-aviary-roles\":[\"ADMIN\"]}}}}";
        try {
            return Calls.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Results send(HostileRequests requests, int count) throws Exception {
        Results results = new Results();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        Attempt attempt = requests.attempt(i);
                        RawHttp.Response answer = RawHttp.send(FUZZER, Calls.port(attempt.app()), attempt.request(),
                                REQUEST_TIMEOUT);
                        results.record(attempt, answer);
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    /** Counts and the defects found, grouped by kind, each with the first request that showed it. */
    private static final class Results {
        final AtomicInteger sent = new AtomicInteger();
        final LongAdder serverErrors = new LongAdder();
        final LongAdder unanswered = new LongAdder();
        final LongAdder notProblems = new LongAdder();
        final LongAdder accepted = new LongAdder();
        final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        final Map<String, Integer> byIdentity = new ConcurrentHashMap<>();
        /** Kind of defect -> how often, and the first example. */
        final Map<String, String> examples = new ConcurrentHashMap<>();
        final Map<String, Integer> counts = new ConcurrentHashMap<>();

        void record(Attempt attempt, RawHttp.Response answer) {
            sent.incrementAndGet();
            statuses.merge(answer.status(), 1, Integer::sum);
            byIdentity.merge(attempt.identity(), 1, Integer::sum);
            String kind = null;
            String detail = null;
            if (answer.status() < 0) {
                unanswered.increment();
                kind = "no answer";
                detail = answer.failure();
            } else if (answer.status() >= 500) {
                serverErrors.increment();
                kind = String.valueOf(answer.status());
                detail = answer.abbreviated();
            } else if (answer.status() >= 400) {
                String violation = "HEAD".equals(attempt.request().method())
                        ? (answer.contentType().startsWith("application/problem+json") ? null
                        : "Content-Type '" + answer.contentType() + "'")
                        : answer.problemViolation();
                if (violation != null) {
                    notProblems.increment();
                    kind = answer.status() + " not a problem: " + violation.replaceAll("\\(body.*", "")
                            .replaceAll("[0-9]{4}-[0-9-]+T[0-9:.+]+", "");
                    detail = violation;
                }
            } else if (attempt.mustReject() && answer.status() / 100 == 2) {
                accepted.increment();
                kind = answer.status() + " accepted";
                detail = answer.abbreviated();
            }
            if (kind != null) {
                String key = attempt.app() + " " + (attempt.operation().startsWith("raw") ? "raw" : attempt.operation())
                        + " -> " + kind;
                counts.merge(key, 1, Integer::sum);
                examples.putIfAbsent(key, "#" + attempt.index() + " as " + attempt.identity() + ", "
                        + attempt.mutation() + ": " + detail + "\n      request: " + attempt.request().describe());
            }
        }

        List<String> violations() {
            return new TreeMap<>(counts).entrySet().stream()
                    .map(e -> e.getValue() + " x " + e.getKey() + "\n      e.g. " + examples.get(e.getKey()))
                    .toList();
        }
    }
}
