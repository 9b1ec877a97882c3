package io.aviary.command.axon;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event storage engine exactly as Axon's {@code JdbcAutoConfiguration} builds it (which then builds none), plus
 * the gap settings of {@link EventStoreProperties}, and the bound on transactions that append events passed to every
 * PostgreSQL session, where {@code schema.sql}'s commit guard enforces it (ADR 0017).
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    /** Session setting read by the commit guard in {@code schema.sql}. */
    static final String BOUND_SETTING = "aviary.max_event_transaction_ms";

    private static final Logger LOG = LoggerFactory.getLogger(EventStoreConfiguration.class);

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          EventStoreProperties properties) {
        LOG.info("event store: gaps waited for up to {} indexes and {}, transactions appending events refused after {}"
                        + " (covers {} events/s)", properties.maxGapOffset(), properties.gapTimeout(),
                properties.maxTransactionDuration(), properties.coveredEventsPerSecond());
        return properties.applyTo(JdbcEventStorageEngine.builder())
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .build();
    }

    /**
     * Passes the bound as a connection option, so it is the session's default (it survives {@code RESET ALL}) and
     * costs no round trip. A JDBC URL that sets {@code options} itself wins over this; the guard then uses its
     * default, which is this property's default.
     */
    @Bean
    static BeanPostProcessor eventTransactionBoundOnSessions(ObjectProvider<EventStoreProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool) {
                    String option = "-c " + BOUND_SETTING + "="
                            + properties.getObject().maxTransactionDuration().toMillis();
                    String others = pool.getDataSourceProperties().getProperty("options");
                    pool.addDataSourceProperty("options", others == null ? option : others + " " + option);
                }
                return bean;
            }
        };
    }
}
