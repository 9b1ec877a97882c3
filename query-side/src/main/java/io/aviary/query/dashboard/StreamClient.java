package io.aviary.query.dashboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * One connected stream. Whoever produces (the Kafka feed, the heartbeat) only puts into a bounded queue and never
 * waits for the network; one sender task at a time drains the queue into the connection. A client whose queue is
 * full is slow or stuck: it is disconnected, so it cannot hold up the others or grow memory without bound (the
 * dashboard reconnects and reloads what it shows).
 */
final class StreamClient {

    private static final Logger log = LoggerFactory.getLogger(StreamClient.class);

    private final String who;
    private final SseEmitter emitter;
    private final Predicate<Notification> filter;
    private final BlockingQueue<SseEventBuilder> queue;
    private final Executor senders;
    private final Runnable onClose;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean toldReady = new AtomicBoolean();

    StreamClient(String who, SseEmitter emitter, Predicate<Notification> filter, int buffer, Executor senders,
                 Runnable onClose) {
        this.who = who;
        this.emitter = emitter;
        this.filter = filter;
        this.queue = new ArrayBlockingQueue<>(buffer);
        this.senders = senders;
        this.onClose = onClose;
        emitter.onCompletion(this::close);
        emitter.onTimeout(this::close);
        emitter.onError(error -> close());
    }

    boolean wants(Notification notification) {
        return filter.test(notification);
    }

    /** A notification, already JSON (serialised once for every client). */
    void notify(String json) {
        offer(SseEmitter.event().data(json));
    }

    /** Tells the client, once, that the feed is positioned: from now on it misses nothing. */
    void ready() {
        if (toldReady.compareAndSet(false, true)) {
            offer(SseEmitter.event().name("ready").data("{\"live\":true}"));
        }
    }

    void heartbeat() {
        offer(SseEmitter.event().comment("keep-alive"));
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Ends the stream (idempotent); the client's reconnect starts a fresh one. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.clear();
        onClose.run();
        // complete() waits for a send in progress; off the caller's thread, so the feed never waits for a socket
        try {
            senders.execute(this::complete);
        } catch (RejectedExecutionException e) {
            complete();
        }
    }

    private void offer(SseEventBuilder event) {
        if (closed.get()) {
            return;
        }
        if (!queue.offer(event)) {
            log.info("Dashboard stream of {} dropped: {} notifications waiting, the client does not keep up", who,
                    queue.size());
            close();
            return;
        }
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            try {
                senders.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                close();
            }
        }
    }

    private void drain() {
        try {
            SseEventBuilder event;
            while (!closed.get() && (event = queue.poll()) != null) {
                emitter.send(event);
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away (or the stream ended meanwhile): nothing to report to it
            log.debug("Dashboard stream of {} ended: {}", who, e.toString());
            close();
        } finally {
            draining.set(false);
        }
        // an offer may have come between the last poll and clearing the flag
        if (!closed.get() && !queue.isEmpty()) {
            scheduleDrain();
        }
    }

    private void complete() {
        try {
            emitter.complete();
        } catch (RuntimeException e) {
            log.debug("Completing the dashboard stream of {}: {}", who, e.toString());
        }
    }
}
