package io.aviary.command.axon;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon on PostgreSQL through its JDBC storage engine (Axon's {@code JdbcAutoConfiguration} builds the event store,
 * token store and saga store from the DataSource; the tables come from {@code schema.sql}). Only what differs from
 * Axon's defaults is declared here.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /**
     * The one serializer for events, messages, tokens and sagas ({@code axon.serializer.*=jackson} makes Axon use the
     * general serializer for all three). Declared here so that it has its own ObjectMapper: Axon would otherwise take
     * the web layer's.
     */
    @Bean
    @Primary
    Serializer serializer(RevisionResolver revisionResolver) {
        return JacksonSerializer.builder()
                .revisionResolver(revisionResolver)
                .objectMapper(EventJson.newObjectMapper())
                .build();
    }

    /** Stored event revisions are {@link io.aviary.events.EventCatalog} versions. */
    @Bean
    RevisionResolver revisionResolver() {
        return new CatalogRevisionResolver();
    }

    /** Registered in the event store's upcaster chain by Axon's auto-configuration (every EventUpcaster bean). */
    @Bean
    EventUpcaster taskCreatedUpcaster() {
        return new TaskCreatedUpcaster();
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    /** Makes Axon's JDBC saga store use {@code bytea} statements of PostgreSQL rather than the generic ones. */
    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema();
    }
}
