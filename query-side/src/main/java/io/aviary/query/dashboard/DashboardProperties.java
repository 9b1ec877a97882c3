package io.aviary.query.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The web dashboard served at {@code /} and its live stream ({@code aviary.dashboard.*}).
 *
 * @param commandUrl the command side's URL as the user's browser reaches it: the dashboard logs in and submits tasks
 *                   there ({@code AVIARY_DASHBOARD_COMMAND_URL}; unset: {@code AVIARY_COMMAND_URL}). The command
 *                   side must allow this app's origin ({@code AVIARY_CORS_ALLOWED_ORIGINS} there).
 * @param stream     the live notifications of {@code GET /api/v1/stream}
 */
@ConfigurationProperties("aviary.dashboard")
public record DashboardProperties(@DefaultValue("http://localhost:8080") String commandUrl,
                                  @DefaultValue Stream stream) {

    /**
     * @param enabled          whether {@code GET /api/v1/stream} serves (off: it answers 503 and no Kafka consumer
     *                         runs) ({@code AVIARY_DASHBOARD_STREAM_ENABLED})
     * @param bootstrapServers Kafka to read the events from ({@code AVIARY_KAFKA_BOOTSTRAP}); the consumer starts
     *                         with the first client, has no group and commits nothing
     * @param topic            the event topic
     * @param heartbeat        interval of the comment lines that keep idle connections (and proxies) open and find
     *                         clients that went away
     * @param clientBuffer     notifications queued per client; a client that falls this far behind is disconnected
     *                         (it reconnects and reloads what it shows) rather than slowing the others down
     * @param maxClients       concurrent streams; one more answers 503
     */
    public record Stream(@DefaultValue("true") boolean enabled,
                         @DefaultValue("localhost:9092") String bootstrapServers,
                         @DefaultValue("aviary.events") String topic,
                         @DefaultValue("15s") Duration heartbeat,
                         @DefaultValue("256") int clientBuffer,
                         @DefaultValue("200") int maxClients) {
    }
}
