package io.aviary.command.account;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import javax.sql.DataSource;

/**
 * Wires the accounts: the aggregate's snapshot trigger, the {@link AccountingProcess} and its price table.
 * <p>
 * The process's handler errors propagate (Axon's default only logs them, which would drop a charge): the tracking
 * processor then rolls the batch back and retries it with back-off, so a transient failure delays money but never
 * loses it. The processor takes up to {@code aviary.accounts.processor-batch-size} events per batch (see
 * {@link AccountProperties#processorBatchSize()}).
 */
@Configuration(proxyBeanMethods = false)
public class AccountConfiguration {

    /** Bean name of the account's snapshot trigger, referenced by {@link AccountAggregate}. */
    public static final String SNAPSHOT_TRIGGER = "accountSnapshotTrigger";

    @Autowired
    public void configureAccountingProcessor(EventProcessingConfigurer processing, AccountProperties properties,
                                             ConnectionProvider connections, TransactionManager transactions,
                                             Serializer serializer) {
        processing.registerListenerInvocationErrorHandler(AccountingProcess.PROCESSING_GROUP,
                config -> PropagatingErrorHandler.instance());
        // A failing event is parked with the later events of its sequence (its task, or its worker), and the other
        // accounts go on; AccountingDeadLetterController lists and retries them (ADR 16). The table is created
        // with the price table (accounting-schema.sql) before the processor starts.
        processing.registerDeadLetterQueue(AccountingProcess.PROCESSING_GROUP,
                config -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(AccountingProcess.PROCESSING_GROUP)
                        .connectionProvider(connections)
                        .transactionManager(transactions)
                        .genericSerializer(serializer)
                        .eventSerializer(serializer)
                        .maxSequences(properties.deadLetterMaxSequences())
                        .build());
        processing.registerTrackingEventProcessorConfiguration(AccountingProcess.PROCESSING_GROUP,
                config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(properties.processorBatchSize()));
        processing.registerSubscribingEventProcessor(AccountMovementMeter.PROCESSING_GROUP);
    }

    @Bean(SNAPSHOT_TRIGGER)
    public SnapshotTriggerDefinition accountSnapshotTrigger(Snapshotter snapshotter, AccountProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    /** The price table, created here ({@code schema.sql} holds Axon's tables only) before any processor starts. */
    @Bean
    public TaskPrices taskPrices(DataSource dataSource, JdbcTemplate jdbc) {
        new ResourceDatabasePopulator(new ClassPathResource("io/aviary/command/account/accounting-schema.sql"))
                .execute(dataSource);
        return new JdbcTaskPrices(jdbc);
    }

    @Bean
    public AccountMovementMeter accountMovementMeter(MeterRegistry meterRegistry) {
        return new AccountMovementMeter(meterRegistry);
    }

    @Bean
    public AccountingProcess accountingProcess(TaskPrices taskPrices, CommandGateway commandGateway) {
        return new AccountingProcess(taskPrices, commandGateway);
    }
}
