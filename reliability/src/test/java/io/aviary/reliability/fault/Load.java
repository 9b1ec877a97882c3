package io.aviary.reliability.fault;

import io.aviary.reliability.Api;
import io.aviary.reliability.ReliabilityPlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady producer, as a client would be: submits one task per tick through the command API, half {@code noop},
 * half {@code sleep} (300–2,000 ms). Every task has an idempotency key, so a call that got no answer (command-side
 * killed, event store cut) is sent again with the same key until it is accepted: the task then exists exactly once
 * and its id is known ({@code UUID.nameUUIDFromBytes("aviary-task:" + key)}).
 */
final class Load implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Load.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final ReliabilityPlatform platform;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String name;
    private final Map<String, Object> extra;
    private final Random random;
    private final ScheduledExecutorService ticker;
    private final List<String> accepted = new ArrayList<>();
    private final Deque<String> unanswered = new ArrayDeque<>();
    private final Map<Integer, Integer> failures = new HashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private int next;
    private volatile boolean producing = true;

    private Load(ReliabilityPlatform platform, String name, Map<String, Object> extra, long seed) {
        this.platform = platform;
        this.name = name;
        this.extra = extra;
        this.random = new Random(seed);
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "load-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts submitting every {@code interval}.
     *
     * @param extra fields added to every task (e.g. {@code timeoutMs}, {@code maxAttempts})
     */
    static Load start(ReliabilityPlatform platform, String name, Duration interval, Map<String, Object> extra,
                      long seed) {
        Load load = new Load(platform, name, extra, seed);
        load.ticker.scheduleWithFixedDelay(load::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Load {} started: one task every {} ms (seed {})", name, interval.toMillis(), seed);
        return load;
    }

    static String taskIdOf(String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("aviary-task:" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Stops creating new tasks; calls that got no answer are still sent again until accepted. */
    void stopProducing() {
        producing = false;
    }

    /** Whether every task this load created was accepted (nothing waits for an answer). */
    synchronized boolean allAnswered() {
        return unanswered.isEmpty();
    }

    /** Ids of the accepted tasks (202), in submission order. */
    synchronized List<String> accepted() {
        return List.copyOf(accepted);
    }

    synchronized int acceptedCount() {
        return accepted.size();
    }

    /** Calls that got no 202, by status (-1: no answer). */
    synchronized Map<Integer, Integer> failures() {
        return Map.copyOf(failures);
    }

    int callsSent() {
        return sent.get();
    }

    private void tick() {
        try {
            String key;
            synchronized (this) {
                if (!unanswered.isEmpty()) {
                    key = unanswered.poll();
                } else if (producing) {
                    key = "reliability-" + name + "-" + run + "-" + next++;
                } else {
                    return;
                }
            }
            submit(key);
        } catch (RuntimeException e) {
            log.warn("Load {} tick failed", name, e);
        }
    }

    private void submit(String key) {
        Map<String, Object> task = new HashMap<>(extra);
        task.put("idempotencyKey", key);
        if (random.nextBoolean()) {
            task.put("type", "noop");
            task.put("payload", Map.of());
        } else {
            task.put("type", "sleep");
            task.put("payload", Map.of("millis", 300 + random.nextInt(1700)));
        }
        sent.incrementAndGet();
        String token;
        try {
            token = platform.adminToken();
        } catch (RuntimeException e) {
            noAnswer(key, -1); // logging in needs command-side and its database too
            return;
        }
        Api.Answer answer = Api.post(platform.commandUrl() + "/api/v1/tasks", task, token, CALL_TIMEOUT);
        if (answer.status() == 202) {
            String id = answer.body().path("taskId").asText();
            if (!id.equals(taskIdOf(key))) {
                throw new IllegalStateException("task id " + id + " for key " + key + " is not the derived one");
            }
            synchronized (this) {
                accepted.add(id);
            }
        } else {
            noAnswer(key, answer.status());
        }
    }

    private synchronized void noAnswer(String key, int status) {
        failures.merge(status, 1, Integer::sum);
        unanswered.addFirst(key);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
