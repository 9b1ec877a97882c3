package io.aviary.benchmarks.lifecycle;

import io.aviary.benchmarks.rig.ReadModels;
import io.aviary.benchmarks.rig.ReadModels.TaskState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches submitted tasks in the {@code tasks} read model until each is COMPLETED there: a poller asks for the oldest
 * pending ids by {@code _id} (index lookups, cheap on any server) every {@code interval} and records when each was
 * first seen COMPLETED (the time the answer arrived: an upper bound, late by at most the interval plus the query).
 * Gives the load generators their backlog (submitted, not yet visible) and scenario 2 its "COMPLETED visible" times.
 */
public final class CompletionTracker implements AutoCloseable {

    private final ReadModels readModels;
    private final Duration interval;
    private final int maxIdsPerPoll;
    private final boolean recordTimes;
    private final LinkedHashMap<String, Long> pending = new LinkedHashMap<>();
    private final Map<String, Long> visibleAt = new ConcurrentHashMap<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong otherFinal = new AtomicLong();
    private final Thread poller;
    private volatile boolean stopped;

    /**
     * @param recordTimes keep each task's visibility time (epoch ms) for {@link #visibleAt()}
     */
    public CompletionTracker(ReadModels readModels, Duration interval, int maxIdsPerPoll, boolean recordTimes) {
        this.readModels = readModels;
        this.interval = interval;
        this.maxIdsPerPoll = maxIdsPerPoll;
        this.recordTimes = recordTimes;
        this.poller = new Thread(this::pollLoop, "bench-completion-tracker");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    public void track(String taskId) {
        synchronized (pending) {
            pending.put(taskId, System.currentTimeMillis());
        }
    }

    /** Submitted tasks not yet seen in a final status. */
    public int outstanding() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Tasks seen COMPLETED so far. */
    public long completed() {
        return completed.get();
    }

    /** Tasks seen DEAD_LETTERED or CANCELLED (a no-op task should never be). */
    public long otherFinal() {
        return otherFinal.get();
    }

    /** Epoch ms at which each task was first seen COMPLETED (only with {@code recordTimes}). */
    public Map<String, Long> visibleAt() {
        return Map.copyOf(visibleAt);
    }

    /** Waits until nothing is outstanding; false after the timeout. */
    public boolean awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outstanding() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            // Polling a counter the poller thread updates; 50 ms is far below any drain time of interest.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return true;
    }

    private void pollLoop() {
        while (!stopped) {
            long began = System.nanoTime();
            List<String> ids = oldestPending();
            if (!ids.isEmpty()) {
                try {
                    Map<String, TaskState> states = readModels.taskStates(ids);
                    long now = System.currentTimeMillis();
                    settle(ids, states, now);
                } catch (RuntimeException e) {
                    // Mongo busy or restarting: try again on the next round.
                }
            }
            long rest = interval.toNanos() - (System.nanoTime() - began);
            if (rest > 0) {
                // The poll interval: the resolution of the visibility times and the load this observer adds.
                LockSupport.parkNanos(rest);
            }
        }
    }

    private List<String> oldestPending() {
        synchronized (pending) {
            List<String> ids = new ArrayList<>(Math.min(pending.size(), maxIdsPerPoll));
            Iterator<String> it = pending.keySet().iterator();
            while (it.hasNext() && ids.size() < maxIdsPerPoll) {
                ids.add(it.next());
            }
            return ids;
        }
    }

    private void settle(List<String> ids, Map<String, TaskState> states, long now) {
        synchronized (pending) {
            for (String id : ids) {
                TaskState state = states.get(id);
                if (state == null) {
                    continue;
                }
                switch (state.status()) {
                    case "COMPLETED" -> {
                        pending.remove(id);
                        completed.incrementAndGet();
                        if (recordTimes) {
                            visibleAt.put(id, now);
                        }
                    }
                    case "DEAD_LETTERED", "CANCELLED" -> {
                        pending.remove(id);
                        otherFinal.incrementAndGet();
                    }
                    default -> {
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        poller.interrupt();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
