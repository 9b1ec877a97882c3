package io.aviary.projections.kafka;

import io.aviary.projections.rebuild.LiveProjection;
import io.aviary.projections.rebuild.RebuildSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pauses the live listener container for a rebuild's swap. One swap at a time: a second rebuild reaching its swap
 * waits for the first to resume the consumer.
 */
@Component
class LiveListenerGate implements LiveProjection {

    private static final Logger log = LoggerFactory.getLogger(LiveListenerGate.class);

    private final KafkaListenerEndpointRegistry registry;
    private final Duration timeout;
    private final ReentrantLock swapping = new ReentrantLock();
    private MessageListenerContainer paused;

    LiveListenerGate(KafkaListenerEndpointRegistry registry, RebuildSettings settings) {
        this.registry = registry;
        this.timeout = settings.pauseTimeout();
    }

    @Override
    public void pause() {
        swapping.lock();
        MessageListenerContainer container = registry.getListenerContainer(EventsListener.LISTENER_ID);
        if (container == null || !container.isRunning()) {
            return;
        }
        container.pause();
        paused = container;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!container.isContainerPaused()) {
            if (System.nanoTime() > deadline) {
                resume();
                throw new IllegalStateException("The live consumer did not pause within " + timeout
                        + " (is it retrying a batch?)");
            }
            try {
                // The container pauses on its own thread after its current batch; there is no callback to wait on
                // short of an application event listener, and a short poll keeps this self-contained.
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                resume();
                throw new IllegalStateException("interrupted while pausing the live consumer", e);
            }
        }
        log.info("Live consumer paused for a rebuild's swap");
    }

    @Override
    public void resume() {
        try {
            if (paused != null) {
                paused.resume();
                paused = null;
                log.info("Live consumer resumed");
            }
        } finally {
            if (swapping.isHeldByCurrentThread()) {
                swapping.unlock();
            }
        }
    }
}
