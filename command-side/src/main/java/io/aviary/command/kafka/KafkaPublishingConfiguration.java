package io.aviary.command.kafka;

import io.aviary.command.axon.EventJson;
import io.aviary.command.web.QueryApiProperties;
import io.aviary.events.EventCatalog;
import io.aviary.events.EventCatalog.EventType;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Publishing to Kafka with the Axon Kafka extension. Its auto-configuration builds the producer factory (from
 * {@code axon.kafka.*}) and registers the {@code KafkaEventPublisher} in a tracking processor reading the event store
 * ({@code axon.kafka.producer.event-processor-mode=tracking}: stored first, then published). This class replaces the
 * pieces whose defaults do not fit: the message converter (wire format), the topic resolver (only contract events) and
 * the publisher (acknowledgements awaited per batch, {@link BatchAckKafkaPublisher}; acknowledgement timeout; it also
 * waits for the {@link TopicInitializer}) and the publishing processor's batch size.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class KafkaPublishingConfiguration {

    /** One admin client for topic creation and the health check, configured like every Spring Kafka client. */
    @Bean(destroyMethod = "close")
    Admin aviaryKafkaAdmin(KafkaProperties kafkaProperties, ObjectProvider<SslBundles> sslBundles) {
        return Admin.create(kafkaProperties.buildAdminProperties(sslBundles.getIfAvailable()));
    }

    /** {@code kafka_admin_client_*} meters of that admin client; Spring Boot binds every {@code MeterBinder} bean. */
    @Bean(destroyMethod = "close")
    KafkaClientMetrics aviaryKafkaAdminMetrics(Admin aviaryKafkaAdmin) {
        return new KafkaClientMetrics((AdminClient) aviaryKafkaAdmin); // Admin.create returns a KafkaAdminClient
    }

    @Bean
    TopicInitializer topicInitializer(Admin aviaryKafkaAdmin, AviaryKafkaProperties properties) {
        return new TopicInitializer(aviaryKafkaAdmin, properties);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(Admin aviaryKafkaAdmin, AviaryKafkaProperties properties) {
        return new KafkaHealthIndicator(aviaryKafkaAdmin, properties.healthTimeout());
    }

    @Bean
    KafkaMessageConverter<String, CloudEvent> kafkaMessageConverter(QueryApiProperties queryApi) {
        return new AviaryCloudEventConverter(EventJson.newObjectMapper(), queryApi.queryBaseUrl().toString());
    }

    /** Events outside the contract (none today) stay in the event store rather than break the publisher. */
    @Bean
    TopicResolver topicResolver(org.axonframework.extensions.kafka.KafkaProperties axonKafkaProperties) {
        String topic = axonKafkaProperties.getDefaultTopic();
        Set<Class<?>> contract = EventCatalog.all().stream().map(EventType::eventClass).collect(Collectors.toSet());
        return event -> contract.contains(event.getPayloadType()) ? Optional.of(topic) : Optional.empty();
    }

    /**
     * The publishing processor takes up to {@code aviary.kafka.publisher-batch-size} stored events per batch (one unit
     * of work, one token update, one wait for the broker's acknowledgements: see {@link BatchAckKafkaPublisher}).
     * Axon's default batch of one cost a PostgreSQL commit and a broker round trip per event.
     */
    @Autowired
    void configurePublishingProcessor(EventProcessingConfigurer processing,
                                      org.axonframework.extensions.kafka.KafkaProperties axonKafkaProperties,
                                      AviaryKafkaProperties properties) {
        processing.registerTrackingEventProcessorConfiguration(
                axonKafkaProperties.getPublisher().getProcessingGroup(),
                config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(properties.publisherBatchSize()));
    }

    @Bean(destroyMethod = "shutDown")
    @SuppressWarnings("unchecked")
    KafkaPublisher<String, CloudEvent> kafkaPublisher(
            @Qualifier("eventSerializer") Serializer eventSerializer,
            @Qualifier("axonKafkaProducerFactory") ProducerFactory<?, ?> producerFactory,
            KafkaMessageConverter<String, CloudEvent> kafkaMessageConverter,
            TopicResolver topicResolver,
            Configuration axonConfiguration,
            AviaryKafkaProperties properties,
            TopicInitializer topicsReady,
            MeterRegistry meterRegistry) {
        ProducerFactory<String, CloudEvent> metered = new MeteredProducerFactory<>(
                (ProducerFactory<String, CloudEvent>) producerFactory, meterRegistry);
        MessageMonitor<? super EventMessage<?>> monitor =
                axonConfiguration.messageMonitor(KafkaPublisher.class, "kafkaPublisher");
        long ackTimeoutMs = properties.publisherAckTimeout().toMillis();
        KafkaPublisher.Builder<String, CloudEvent> builder = KafkaPublisher.<String, CloudEvent>builder()
                .serializer(eventSerializer)
                .producerFactory(metered)
                .messageConverter(kafkaMessageConverter)
                .messageMonitor(monitor)
                .topicResolver(topicResolver)
                .publisherAckTimeout(ackTimeoutMs);
        return new BatchAckKafkaPublisher<>(builder, metered, kafkaMessageConverter, monitor, topicResolver,
                ackTimeoutMs);
    }
}
