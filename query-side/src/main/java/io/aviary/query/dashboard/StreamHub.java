package io.aviary.query.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The connected dashboard streams: fans each notification out to the clients that may see it, sends the heartbeat
 * comments, and tells clients when the feed is live. Sending runs on a pool of its own (a thread per client that has
 * something to send, none for an idle one), so a slow network write never reaches the Kafka feed.
 */
@Component
class StreamHub implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StreamHub.class);

    private final DashboardProperties.Stream properties;
    private final ObjectMapper json;
    private final Set<StreamClient> clients = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders = Executors.newCachedThreadPool(daemon("aviary-stream-send-"));
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            daemon("aviary-stream-heartbeat-"));
    private volatile boolean live;

    StreamHub(DashboardProperties properties, ObjectMapper json) {
        this.properties = properties.stream();
        this.json = json;
        long every = this.properties.heartbeat().toMillis();
        heartbeat.scheduleAtFixedRate(() -> clients.forEach(StreamClient::heartbeat), every, every,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Adds a client; empty when {@code maxClients} streams are open already. The client is told "ready" at once if
     * the feed is live, else as soon as it is.
     */
    Optional<StreamClient> subscribe(String who, SseEmitter emitter, Predicate<Notification> filter) {
        if (clients.size() >= properties.maxClients()) {
            return Optional.empty();
        }
        StreamClient[] self = new StreamClient[1];
        StreamClient client = new StreamClient(who, emitter, filter, properties.clientBuffer(), senders,
                () -> clients.remove(self[0]));
        self[0] = client;
        clients.add(client);
        // added first, then checked: a feed turning live in between tells this client itself (ready() is once only)
        if (live) {
            client.ready();
        }
        return Optional.of(client);
    }

    void publish(Notification notification) {
        if (clients.isEmpty()) {
            return;
        }
        String data;
        try {
            data = json.writeValueAsString(notification);
        } catch (JsonProcessingException e) {
            log.warn("Notification not serialisable: {}", notification, e);
            return;
        }
        for (StreamClient client : clients) {
            if (client.wants(notification)) {
                client.notify(data);
            }
        }
    }

    /** The feed is positioned at the end of every partition: clients miss nothing from now on. */
    void live() {
        live = true;
        clients.forEach(StreamClient::ready);
    }

    boolean isLive() {
        return live;
    }

    int clients() {
        return clients.size();
    }

    @Override
    public void destroy() {
        heartbeat.shutdownNow();
        clients.forEach(StreamClient::close);
        senders.shutdown();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
