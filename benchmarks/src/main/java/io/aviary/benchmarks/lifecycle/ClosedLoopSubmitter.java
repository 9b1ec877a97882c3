package io.aviary.benchmarks.lifecycle;

import io.aviary.benchmarks.rig.CommandApi;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 1's load: keeps {@code concurrency} create requests (of one task, or of up to {@code batch}) in flight, as long as fewer than
 * {@code maxOutstanding} submitted tasks are not yet COMPLETED in the read model (so the backlog stays bounded and
 * the figure is the platform's steady state, not a queue growing for a minute).
 */
public final class ClosedLoopSubmitter implements AutoCloseable {

    private final CommandApi command;
    private final CompletionTracker tracker;
    private final int maxOutstanding;
    private final int concurrency;
    private final int batch;
    private final Semaphore inFlight;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    private final Thread loop;
    private volatile boolean stopped;
    private volatile boolean recordLatencies;

    /** @param batch tasks per request: 1 = {@code POST /api/v1/tasks}, more = {@code POST /api/v1/tasks:batch} */
    public ClosedLoopSubmitter(CommandApi command, CompletionTracker tracker, int concurrency, int maxOutstanding,
                               int batch) {
        this.command = command;
        this.batch = batch;
        this.tracker = tracker;
        this.maxOutstanding = maxOutstanding;
        this.concurrency = concurrency;
        this.inFlight = new Semaphore(concurrency);
        this.loop = new Thread(this::submitLoop, "bench-closed-loop-submitter");
        this.loop.setDaemon(true);
        this.loop.start();
    }

    public long accepted() {
        return accepted.get();
    }

    public long refused() {
        return refused.get();
    }

    /** Starts (or stops) keeping the create latencies, for the measured window only. */
    public void recordLatencies(boolean on) {
        if (on) {
            latencies.clear();
        }
        recordLatencies = on;
    }

    public double[] latencies() {
        return latencies.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private void submitLoop() {
        while (!stopped) {
            if (tracker.outstanding() >= maxOutstanding) {
                // Backlog full: wait for completions (1 ms: short against the pipeline's latency).
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                continue;
            }
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == 1) {
                command.createNoopTask().thenAccept(created -> {
                    inFlight.release();
                    taken(created);
                });
            } else {
                int count = (int) Math.max(1, Math.min(batch, maxOutstanding - tracker.outstanding()));
                command.createNoopTasks(count).thenAccept(created -> {
                    inFlight.release();
                    created.forEach(this::taken);
                    refused.addAndGet(count - created.size());
                });
            }
        }
    }

    private void taken(CommandApi.Created created) {
        if (created.ok()) {
            tracker.track(created.taskId());
            accepted.incrementAndGet();
            if (recordLatencies) {
                latencies.add(created.latencyMs());
            }
        } else {
            refused.incrementAndGet();
        }
    }

    /** Stops submitting and waits for the requests in flight. */
    @Override
    public void close() {
        stopped = true;
        loop.interrupt();
        try {
            loop.join(5000);
            // Every permit back = no request in flight any more.
            if (inFlight.tryAcquire(concurrency, 30, TimeUnit.SECONDS)) {
                inFlight.release(concurrency);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
