package io.aviary.command.axon;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's own Micrometer monitors are off ({@code axon.metrics.auto-configuration.enabled=false}): they timed and
 * counted every message on every component, a few hundred meter lookups per task (ADR 16). What is kept is what an
 * operator acts on: each event processor's lag ({@link ProcessorLagGauges}); the dispatcher, the accounts and the
 * Kafka clients have their own meters.
 */
@Configuration(proxyBeanMethods = false)
class AxonMetricsConfiguration {

    @Bean
    ProcessorLagGauges processorLagGauges(EventProcessingConfiguration processing, EventStore eventStore,
                                          MeterRegistry registry) {
        return new ProcessorLagGauges(processing, eventStore, registry);
    }
}
