package io.aviary.reliability.fault;

import io.aviary.events.task.TaskStatus;
import io.aviary.reliability.Api;
import io.aviary.reliability.EventStore;
import io.aviary.reliability.EventStore.StoredEvent;
import io.aviary.reliability.Figures;
import io.aviary.reliability.ReliabilityPlatform;
import io.aviary.reliability.Soak;
import io.aviary.reliability.TcpProxy;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault 6 of issue 7: the connection between command-side and PostgreSQL is cut for a few seconds (a TCP proxy
 * between them closes every connection and refuses new ones), under a light load. While cut, commands fail fast
 * with 503 problem+json and a Retry-After (a client's 10 s timeout is never reached), readiness is DOWN, and the
 * query side keeps answering. Nothing is half-written: every aggregate's sequence numbers are contiguous from 0, and
 * a command answered 503 left nothing behind. After the cut ends the service recovers on its own: nothing is
 * restarted, every task of the load completes.
 */
@Order(6)
class EventStoreOutageTest {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void commandsFailFastWith503WhileTheEventStoreIsCutAndTheServiceRecoversOnItsOwn() {
        ReliabilityPlatform platform = ReliabilityPlatform.get();
        TcpProxy proxy = platform.postgresProxy();
        EventStore store = EventStore.of(platform);
        String token = platform.adminToken(); // valid for 15 minutes: no login is needed while the database is cut
        String readiness = platform.readinessUrl(platform.commandSide());
        int cuts = Soak.pick(1, 3);
        long outageSeconds = Soak.pick(6, 20);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Api.Answer> probes = new ArrayList<>();
        List<String> probeKeys = new ArrayList<>();

        List<String> tasks;
        Map<Integer, Integer> loadFailures;
        try (Load load = Load.start(platform, "event-store", Duration.ofMillis(300), Map.of(), System.nanoTime())) {
            for (int c = 0; c < cuts; c++) {
                int before = load.acceptedCount();
                await("load before the cut").atMost(Duration.ofSeconds(60))
                        .until(() -> load.acceptedCount() >= before + 10);

                // when the event store becomes unreachable
                long cutAt = System.nanoTime();
                proxy.cut();

                // then readiness goes DOWN
                await("readiness DOWN").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                        .until(() -> Api.status(readiness) != 200);
                // and every command answers 503 problem+json with a Retry-After, until the cut ends
                int p = 0;
                while (p < 3 || System.nanoTime() - cutAt < Duration.ofSeconds(outageSeconds).toNanos()) {
                    String key = "reliability-outage-probe-" + run + "-" + c + "-" + p++;
                    probeKeys.add(key);
                    probes.add(Api.post(platform.commandUrl() + "/api/v1/tasks",
                            Map.of("type", "noop", "payload", Map.of(), "idempotencyKey", key), token,
                            CLIENT_TIMEOUT));
                }
                // and the query side, which does not need the event store, keeps answering
                assertThat(Api.get(platform.queryUrl() + "/api/v1/tasks?size=1", token, CLIENT_TIMEOUT).status())
                        .isEqualTo(200);

                // when the cut ends, nothing is restarted: the service recovers on its own
                proxy.restore();
                await("readiness UP again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .until(() -> Api.status(readiness) == 200);
                int after = load.acceptedCount();
                await("commands accepted again").atMost(Duration.ofSeconds(60))
                        .until(() -> load.acceptedCount() >= after + 5);
            }
            load.stopProducing();
            await("every call of the load answered").atMost(Duration.ofSeconds(60)).until(load::allAnswered);
            tasks = load.accepted();
            loadFailures = load.failures();
        }

        assertThat(probes).as("commands while the event store is cut").isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.status()).as("status of %s", answer).isEqualTo(503);
            assertThat(answer.isProblem()).as("problem+json: %s", answer).isTrue();
            assertThat(answer.retryAfter()).as("Retry-After of %s", answer).isPresent();
        });
        await("every task of the load final").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> TaskAudit.allFinal(store, tasks));
        TaskAudit audit = TaskAudit.of(store, tasks);
        assertThat(audit.lost()).isEmpty();
        assertThat(audit.statusCounts()).containsOnlyKeys(TaskStatus.COMPLETED);
        assertThat(audit.completedTwice()).isEmpty();

        // and nothing is half-written: a command answered 503 left no task, every aggregate's events are contiguous
        List<String> probeTasks = probeKeys.stream().map(Load::taskIdOf).toList();
        assertThat(store.byAggregate(probeTasks).values()).as("events of commands answered 503")
                .allSatisfy(events -> assertThat(events).isEmpty());
        List<StoredEvent> all = store.all();
        assertThat(gaps(all)).as("aggregates whose sequence numbers are not 0..n-1").isEmpty();

        long maxMillis = probes.stream().mapToLong(Api.Answer::millis).max().orElse(0);
        Figures.of("6 event store unavailable")
                .put("cuts", cuts)
                .put("seconds per cut", outageSeconds)
                .put("commands while cut", probes.size())
                .put("answered 503 problem+json with Retry-After", probes.stream()
                        .filter(a -> a.status() == 503 && a.isProblem() && a.retryAfter().isPresent()).count())
                .put("slowest answer ms", maxMillis)
                .put("load calls not accepted while cut, by status (sent again)", loadFailures)
                .put("tasks", tasks.size())
                .put("events checked for gaps", all.size())
                .put("aggregates checked", all.stream().map(StoredEvent::aggregateId).distinct().count())
                .put("half-written", 0)
                .report();
    }

    /** Aggregates whose stored sequence numbers are not exactly 0, 1, ..., n-1. */
    private static Map<String, List<Long>> gaps(List<StoredEvent> all) {
        Map<String, List<Long>> sequences = all.stream().collect(Collectors.groupingBy(StoredEvent::aggregateId,
                TreeMap::new, Collectors.mapping(StoredEvent::sequence, Collectors.toList())));
        sequences.values().forEach(list -> list.sort(Long::compare));
        sequences.entrySet().removeIf(entry -> {
            List<Long> list = entry.getValue();
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) != i) {
                    return false;
                }
            }
            return true;
        });
        return sequences;
    }
}
