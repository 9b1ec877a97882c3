package io.aviary.reliability.fault;

import io.aviary.reliability.Api;
import io.aviary.reliability.ReliabilityPlatform;
import io.aviary.standalone.ChildApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kills agents with SIGKILL at random moments (preferring, at each moment, an agent whose slots are busy: a kill
 * mid-task) and starts each one again after a random pause: a short pause brings
 * the agent back before its worker is marked DOWN (it resumes its attempts from its log), a long one lets the
 * liveness monitor re-queue its work first. Runs on its own scheduler; the test waits for {@link #kills()}.
 */
final class AgentChaos implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentChaos.class);

    /** One kill: which agent, when, and whether it reported a busy slot just before. */
    record Kill(int agent, Instant at, boolean busy) {
    }

    private final ReliabilityPlatform platform;
    private final Random random;
    private final int wanted;
    private final int minGapMillis;
    private final int maxGapMillis;
    private final int maxDownMillis;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "agent-chaos");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Kill> kills = new ArrayList<>();
    private final AtomicInteger restarts = new AtomicInteger();

    private AgentChaos(ReliabilityPlatform platform, long seed, int wanted, int minGapMillis, int maxGapMillis,
                       int maxDownMillis) {
        this.platform = platform;
        this.random = new Random(seed);
        this.wanted = wanted;
        this.minGapMillis = minGapMillis;
        this.maxGapMillis = maxGapMillis;
        this.maxDownMillis = maxDownMillis;
    }

    /**
     * Starts killing: {@code wanted} kills, a random gap in [minGap, maxGap] ms between two, each agent down for a
     * random time in [0, maxDown] ms.
     */
    static AgentChaos start(ReliabilityPlatform platform, long seed, int wanted, int minGapMillis, int maxGapMillis,
                            int maxDownMillis) {
        AgentChaos chaos = new AgentChaos(platform, seed, wanted, minGapMillis, maxGapMillis, maxDownMillis);
        chaos.scheduleNext();
        log.info("Agent chaos: {} kills, gaps {}-{} ms, down 0-{} ms (seed {})", wanted, minGapMillis, maxGapMillis,
                maxDownMillis, seed);
        return chaos;
    }

    synchronized List<Kill> kills() {
        return List.copyOf(kills);
    }

    synchronized boolean done() {
        return kills.size() >= wanted;
    }

    int restarts() {
        return restarts.get();
    }

    /** Whether every agent runs again (all scheduled restarts happened). */
    boolean allAgentsRunning() {
        return platform.agents().stream().allMatch(ChildApp::isAlive);
    }

    private synchronized void scheduleNext() {
        if (kills.size() >= wanted) {
            return;
        }
        int gap = minGapMillis + random.nextInt(maxGapMillis - minGapMillis + 1);
        scheduler.schedule(this::killOne, gap, TimeUnit.MILLISECONDS);
    }

    private void killOne() {
        try {
            List<Integer> alive = new ArrayList<>();
            for (int n = 1; n <= ReliabilityPlatform.AGENTS; n++) {
                if (platform.agent(n).isAlive()) {
                    alive.add(n);
                }
            }
            // Mid-task if possible: among the running agents, those whose slots are busy right now.
            List<Integer> busy = alive.stream().filter(this::isBusy).toList();
            List<Integer> candidates = busy.isEmpty() ? alive : busy;
            if (!candidates.isEmpty()) {
                int n;
                int down;
                synchronized (this) {
                    n = candidates.get(random.nextInt(candidates.size()));
                    down = random.nextInt(maxDownMillis + 1);
                    kills.add(new Kill(n, Instant.now(), busy.contains(n)));
                }
                ChildApp agent = platform.agent(n);
                agent.kill();
                log.info("Killed {} ({}; kill {} of {}); starting it again in {} ms", agent.name(),
                        busy.contains(n) ? "a slot busy" : "idle", kills().size(), wanted, down);
                scheduler.schedule(() -> restart(agent), down, TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            log.warn("Chaos step failed", e);
        } finally {
            scheduleNext();
        }
    }

    /** Whether the agent reports a busy slot on its readiness probe (its {@code agent} health details). */
    private boolean isBusy(int n) {
        Api.Answer health = Api.get(platform.readinessUrl(platform.agent(n)), null, Duration.ofSeconds(1));
        return health.body().path("components").path("agent").path("details").path("busySlots").asInt() > 0;
    }

    private void restart(ChildApp agent) {
        try {
            agent.start();
            restarts.incrementAndGet();
        } catch (RuntimeException e) {
            log.warn("Could not start {} again", agent.name(), e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
