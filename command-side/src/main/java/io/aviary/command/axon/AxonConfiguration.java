package io.aviary.command.axon;

import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskReassigned;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Autowired;
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
     * Events per batch of every tracking processor that does not set its own (the dispatcher, the publisher and
     * accounting do). Axon's default of one made each of them commit a transaction with a token update for every
     * event in the store, whether it handled it or not (ADR 16); a tracking processor takes what is there up to the
     * size, so a quiet system still handles event by event.
     */
    static final int DEFAULT_PROCESSOR_BATCH_SIZE = 100;

    @Autowired
    void defaultProcessorBatch(EventProcessingConfigurer processing) {
        processing.registerTrackingEventProcessorConfiguration(config ->
                TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(DEFAULT_PROCESSOR_BATCH_SIZE));
    }

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

    /** Version 2 of the assignment and completion events carries their price (ADR 16). */
    @Bean
    EventUpcaster taskAssignedUpcaster() {
        return new NullFieldsUpcaster(TaskAssigned.class, 1, "assignmentFee");
    }

    @Bean
    EventUpcaster taskReassignedUpcaster() {
        return new NullFieldsUpcaster(TaskReassigned.class, 1, "assignmentFee");
    }

    @Bean
    EventUpcaster taskCompletedUpcaster() {
        return new NullFieldsUpcaster(TaskCompleted.class, 1, "completionReward");
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
