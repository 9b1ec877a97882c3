package io.aviary.command.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One named daemon thread that runs a job on a fixed delay and, on request, in between: the dispatcher's and the AREA
 * scheduler's loops. One thread means runs never overlap. A run that throws is logged and does not cancel the next
 * (a periodic task of a {@link ScheduledExecutorService} would be cancelled).
 */
public final class LoopThread {

    private static final Logger log = LoggerFactory.getLogger(LoopThread.class);

    private final String name;
    private final Runnable job;
    private final String failureMessage;
    private volatile ScheduledExecutorService executor;

    /** @param failureMessage logged with the exception when a run fails */
    public LoopThread(String name, Runnable job, String failureMessage) {
        this.name = name;
        this.job = job;
        this.failureMessage = failureMessage;
    }

    public synchronized void start(Duration delay) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        long millis = delay.toMillis();
        executor.scheduleWithFixedDelay(this::safeRun, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code before} then the job on the loop's thread, soon.
     *
     * @return {@code false} when the loop is not running (nothing queued)
     */
    public boolean runSoon(Runnable before) {
        ScheduledExecutorService running = executor;
        if (running == null) {
            return false;
        }
        running.execute(() -> {
            before.run();
            safeRun();
        });
        return true;
    }

    public synchronized void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return executor != null;
    }

    private void safeRun() {
        try {
            job.run();
        } catch (RuntimeException e) {
            log.warn(failureMessage, e);
        }
    }
}
