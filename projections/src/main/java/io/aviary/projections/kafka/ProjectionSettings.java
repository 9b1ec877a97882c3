package io.aviary.projections.kafka;

import io.aviary.events.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the projection consumes {@code aviary.events}. The connection, consumer group ({@code aviary-projections})
 * and batch size are {@code spring.kafka.*} ({@code AVIARY_KAFKA_BOOTSTRAP},
 * {@code spring.kafka.consumer.max-poll-records}).
 *
 * @param retryInitialInterval first pause before a failed batch (MongoDB unreachable) is applied again
 * @param retryMaxInterval     longest pause between retries; a failed batch is retried until it succeeds, since
 *                             committing past it would lose its events
 * @param autoStartup          whether the consumer starts with the application (off only in tests that drive the
 *                             projector directly)
 * @param topic                the event topic the read models are projected from, live and by a rebuild
 *                             ({@code AVIARY_PROJECTIONS_TOPIC}); {@code aviary.events} except in tests that want a
 *                             topic of their own
 */
@ConfigurationProperties("aviary.projections")
public record ProjectionSettings(@DefaultValue("500ms") Duration retryInitialInterval,
                                 @DefaultValue("30s") Duration retryMaxInterval,
                                 @DefaultValue("true") boolean autoStartup,
                                 @DefaultValue(Topics.EVENTS) String topic) {
}
