package io.aviary.benchmarks.latency;

import io.aviary.benchmarks.lifecycle.CompletionTracker;
import io.aviary.benchmarks.rig.CommandApi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 2's load: one create request every {@code 1/rate} seconds on a fixed schedule (open loop: a slow answer
 * does not delay the next request), at most {@code maxInFlight} unanswered. Requests sent while {@link #measuring}
 * is on are the measured ones.
 */
final class OpenLoopSubmitter implements AutoCloseable {

    private final CommandApi command;
    private final CompletionTracker tracker;
    private final int rate;
    private final Semaphore inFlight;
    private final List<CommandApi.Created> measured = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong sentMeasured = new AtomicLong();
    private final Thread loop;
    private volatile boolean measuring;
    private volatile boolean stopped;
    private volatile long measureStartNanos;
    private volatile long measureEndNanos;

    OpenLoopSubmitter(CommandApi command, CompletionTracker tracker, int rate, int maxInFlight) {
        this.command = command;
        this.tracker = tracker;
        this.rate = rate;
        this.inFlight = new Semaphore(maxInFlight);
        this.loop = new Thread(this::paceLoop, "bench-open-loop-" + rate);
        this.loop.setDaemon(true);
        this.loop.start();
    }

    void measuring(boolean on) {
        if (on) {
            measureStartNanos = System.nanoTime();
        } else {
            measureEndNanos = System.nanoTime();
        }
        measuring = on;
    }

    /** Requests per second actually sent while measuring. */
    double achievedRate() {
        return sentMeasured.get() / ((measureEndNanos - measureStartNanos) / 1e9);
    }

    List<CommandApi.Created> measured() {
        synchronized (measured) {
            return List.copyOf(measured);
        }
    }

    long refused() {
        return refused.get();
    }

    private void paceLoop() {
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long next = System.nanoTime();
        while (!stopped) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                // The schedule: the next request is due in `wait` ns.
                LockSupport.parkNanos(wait);
                continue;
            }
            next += period;
            if (!inFlight.tryAcquire()) {
                continue; // too many unanswered: this slot of the schedule is skipped (shows in the achieved rate)
            }
            boolean counted = measuring;
            if (counted) {
                sentMeasured.incrementAndGet();
            }
            command.createNoopTask().thenAccept(created -> {
                inFlight.release();
                if (!created.ok()) {
                    refused.incrementAndGet();
                    return;
                }
                tracker.track(created.taskId());
                if (counted) {
                    measured.add(created);
                }
            });
        }
    }

    @Override
    public void close() {
        stopped = true;
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
