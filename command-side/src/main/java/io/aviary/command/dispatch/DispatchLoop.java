package io.aviary.command.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs {@link Dispatcher#dispatchOnce()} on one thread of its own ("aviary-dispatcher"), never on the event
 * processor's thread (a slow command bus must not hold up the view). Rounds run after each {@link #wake()} (an event
 * arrived; wakes that pile up while a round runs collapse into one) and on a fixed tick (for retries whose
 * {@code notBefore} passed and for time-outs, which no event announces). One thread means rounds never overlap.
 */
public class DispatchLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);

    private final Dispatcher dispatcher;
    private final DispatchProperties properties;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    public DispatchLoop(Dispatcher dispatcher, DispatchProperties properties) {
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    /** Asks for a round soon; cheap and safe from any thread. */
    public void wake() {
        ScheduledExecutorService running = executor;
        if (running != null && wakeQueued.compareAndSet(false, true)) {
            running.execute(() -> {
                wakeQueued.set(false);
                round();
            });
        }
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled()) {
            log.info("Dispatcher disabled (aviary.dispatch.enabled=false): this replica assigns no task");
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aviary-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        long tick = properties.tickInterval().toMillis();
        executor.scheduleWithFixedDelay(this::round, tick, tick, TimeUnit.MILLISECONDS);
    }

    @Override
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

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    private void round() {
        try {
            dispatcher.dispatchOnce();
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task: log it and let the next round try again.
            log.warn("Dispatch round failed", e);
        }
    }
}
