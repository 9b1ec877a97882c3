package io.aviary.command.liveness;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs {@link LivenessMonitor#check()} every heartbeat interval on a thread of its own ("aviary-liveness"). */
public class LivenessLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LivenessLoop.class);

    private final LivenessMonitor monitor;
    private final LivenessProperties properties;
    private volatile ScheduledExecutorService executor;

    public LivenessLoop(LivenessMonitor monitor, LivenessProperties properties) {
        this.monitor = monitor;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aviary-liveness");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.heartbeatInterval().toMillis();
        executor.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    private void check() {
        try {
            monitor.check();
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task: log it and check again next interval.
            log.warn("Liveness check failed", e);
        }
    }
}
