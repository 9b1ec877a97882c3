package io.aviary.command.liveness;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.command.dispatch.CatchUpSignal;
import io.aviary.command.dispatch.FleetView;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;

/**
 * Wires the liveness monitor: heartbeats from Kafka (connection from {@code spring.kafka.*}) into a
 * {@link HeartbeatBook} (each beat authenticated by its agent's token), checked against the dispatcher's
 * {@link FleetView}. Off with {@code aviary.liveness.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LivenessProperties.class)
@ConditionalOnProperty(prefix = "aviary.liveness", name = "enabled", havingValue = "true", matchIfMissing = true)
public class LivenessConfiguration {

    @Bean
    public HeartbeatBook heartbeatBook() {
        return new HeartbeatBook();
    }

    @Bean
    public LivenessMonitor livenessMonitor(FleetView fleetView, CatchUpSignal fleetViewCatchUp,
                                           HeartbeatBook heartbeatBook, CommandGateway commandGateway,
                                           ObjectProvider<Clock> clock, LivenessProperties properties) {
        return new LivenessMonitor(fleetView, fleetViewCatchUp, heartbeatBook, commandGateway,
                clock.getIfAvailable(Clock::systemUTC), properties);
    }

    @Bean
    public LivenessLoop livenessLoop(LivenessMonitor livenessMonitor, LivenessProperties properties) {
        return new LivenessLoop(livenessMonitor, properties);
    }

    /** Heartbeat tokens are checked like API tokens: same keys, issuer and lifetimes. */
    @Bean
    public HeartbeatAuthenticator heartbeatAuthenticator(JwtDecoder aviaryJwtDecoder) {
        return new JwtHeartbeatAuthenticator(aviaryJwtDecoder);
    }

    @Bean
    public HeartbeatConsumer heartbeatConsumer(KafkaProperties kafka, ObjectProvider<ObjectMapper> objectMapper,
                                               HeartbeatBook heartbeatBook, ObjectProvider<Clock> clock,
                                               HeartbeatAuthenticator heartbeatAuthenticator,
                                               ObjectProvider<MeterRegistry> meterRegistry) {
        // A copy: the web layer's mapper refuses unknown fields in request bodies, while a heartbeat of a newer agent
        // may carry a field this version does not know.
        ObjectMapper json = objectMapper.getIfUnique(() -> new ObjectMapper().findAndRegisterModules()).copy()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return new HeartbeatConsumer(kafka.buildConsumerProperties(null), json, heartbeatBook,
                clock.getIfAvailable(Clock::systemUTC), heartbeatAuthenticator, meterRegistry.getIfAvailable());
    }
}
