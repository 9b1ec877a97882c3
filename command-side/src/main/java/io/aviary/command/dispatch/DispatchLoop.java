package io.aviary.command.dispatch;

import io.aviary.command.support.LoopThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

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
    private final LoopThread loop;

    public DispatchLoop(Dispatcher dispatcher, DispatchProperties properties) {
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.loop = new LoopThread("aviary-dispatcher", dispatcher::dispatchOnce, "Dispatch round failed");
    }

    /** Asks for a round soon; cheap and safe from any thread. */
    public void wake() {
        if (wakeQueued.compareAndSet(false, true) && !loop.runSoon(() -> wakeQueued.set(false))) {
            wakeQueued.set(false); // not running: nothing was queued
        }
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled()) {
            log.info("Dispatcher disabled (aviary.dispatch.enabled=false): this replica assigns no task");
            return;
        }
        loop.start(properties.tickInterval());
    }

    @Override
    public synchronized void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
