package io.aviary.command.axon;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's Micrometer meters are wired by the Axon starter ({@code axon-micrometer} on the class path,
 * {@code axon.metrics.micrometer.dimensional=true}); this only trims them (see {@link AxonMeterFilter}). Spring Boot
 * applies every {@code MeterFilter} bean to the registry before any meter is registered.
 */
@Configuration(proxyBeanMethods = false)
class AxonMetricsConfiguration {

    @Bean
    MeterFilter axonMeterFilter() {
        return new AxonMeterFilter();
    }
}
