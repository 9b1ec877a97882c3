package io.aviary.projections.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.aviary.projections.apply.ReadModelProjector;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Wires the batch projector to the Kafka listener container. */
@Configuration(proxyBeanMethods = false)
class ProjectionConfig {

    @Bean
    ReadModelProjector readModelProjector(MongoDatabase database) {
        return new ReadModelProjector(database);
    }

    @Bean
    ProjectionMeters projectionMeters(MeterRegistry meterRegistry) {
        return new ProjectionMeters(meterRegistry);
    }

    @Bean
    CloudEventDecoder cloudEventDecoder(ObjectMapper objectMapper) {
        return new CloudEventDecoder(objectMapper);
    }

    /**
     * A batch that fails to reach MongoDB is retried in place, without a time limit, with the consumer paused
     * (offsets stay uncommitted). Unreadable records never get here: the listener skips them.
     */
    @Bean
    CommonErrorHandler retryUntilWritten(ProjectionSettings settings) {
        ExponentialBackOff backOff = new ExponentialBackOff(settings.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(settings.retryMaxInterval().toMillis());
        return new DefaultErrorHandler(backOff);
    }
}
