package io.aviary.query.dashboard;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One client's queue: a client that keeps up gets every notification in order; one that stops reading is
 * disconnected once its buffer is full, without holding up whoever produces.
 */
class StreamClientTest {

    private final ExecutorService senders = Executors.newCachedThreadPool();
    private final AtomicInteger closed = new AtomicInteger();

    @AfterEach
    void stop() {
        senders.shutdownNow();
    }

    @Test
    void a_client_that_keeps_up_receives_every_notification_in_order() {
        RecordingEmitter emitter = new RecordingEmitter(null);
        StreamClient client = new StreamClient("reader", emitter, n -> true, 64, senders, closed::incrementAndGet);

        for (int i = 0; i < 50; i++) {
            client.notify("{\"n\":" + i + "}");
        }

        await().until(() -> emitter.sent.size() == 50);
        assertThat(emitter.sent).first().asString().contains("data:{\"n\":0}");
        assertThat(emitter.sent).last().asString().contains("data:{\"n\":49}");
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void a_client_that_stops_reading_is_dropped_when_its_buffer_is_full() {
        // given a client whose connection does not take the first notification
        CountDownLatch stuck = new CountDownLatch(1);
        RecordingEmitter emitter = new RecordingEmitter(stuck);
        StreamClient client = new StreamClient("stuck", emitter, n -> true, 4, senders, closed::incrementAndGet);
        client.notify("{\"n\":0}");
        await().until(() -> emitter.attempts.get() == 1);

        // when more notifications come than its buffer holds
        for (int i = 1; i <= 5; i++) {
            client.notify("{\"n\":" + i + "}"); // returns at once: the producer never waits for the socket
        }

        // then it is disconnected, once
        assertThat(client.isClosed()).isTrue();
        assertThat(closed).hasValue(1);
        client.notify("{\"n\":6}");
        stuck.countDown();
        await().until(emitter::completed);
        assertThat(closed).hasValue(1);
        assertThat(emitter.sent).isEmpty();
    }

    @Test
    void heartbeat_and_ready_are_events_of_the_same_queue() {
        RecordingEmitter emitter = new RecordingEmitter(null);
        StreamClient client = new StreamClient("reader", emitter, n -> true, 4, senders, closed::incrementAndGet);

        client.ready();
        client.ready();
        client.heartbeat();

        await().until(() -> emitter.sent.size() == 2);
        assertThat(emitter.sent.get(0)).contains("event:ready");
        assertThat(emitter.sent.get(1)).startsWith(":keep-alive");
    }

    /** Records what would go on the wire; optionally blocks the first send like a client that stopped reading. */
    private static final class RecordingEmitter extends SseEmitter {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final AtomicInteger attempts = new AtomicInteger();
        private final CountDownLatch block;
        private volatile boolean completed;

        RecordingEmitter(CountDownLatch block) {
            this.block = block;
        }

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            attempts.incrementAndGet();
            if (block != null) {
                try {
                    block.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("client went away");
            }
            Set<DataWithMediaType> parts = builder.build();
            sent.add(parts.stream().map(part -> String.valueOf(part.getData())).collect(Collectors.joining()));
        }

        @Override
        public void complete() {
            completed = true;
        }

        boolean completed() {
            return completed;
        }
    }
}
