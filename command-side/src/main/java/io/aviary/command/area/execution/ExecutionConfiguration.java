package io.aviary.command.area.execution;

import io.aviary.command.area.AreaProperties;
import io.aviary.command.area.condition.ConditionEvaluator;
import io.aviary.command.task.TaskPricing;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import javax.sql.DataSource;

/**
 * Wires the AREA execution process and its tables. Its handler errors propagate (Axon's default would only log
 * them and move on, dropping an execution step): the processor rolls the batch back and retries it.
 */
@Configuration(proxyBeanMethods = false)
public class ExecutionConfiguration {

    @Autowired
    public void configureExecutionProcessor(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(AreaExecutionProcess.PROCESSING_GROUP,
                config -> PropagatingErrorHandler.instance());
    }

    /** The process's tables, created here ({@code schema.sql} holds Axon's tables only) before processors start. */
    @Bean
    public ExecutionStore executionStore(DataSource dataSource, JdbcTemplate jdbc) {
        new ResourceDatabasePopulator(new ClassPathResource("io/aviary/command/area/execution-schema.sql"))
                .execute(dataSource);
        return new JdbcExecutionStore(jdbc);
    }

    @Bean
    public ConditionEvaluator conditionEvaluator() {
        return new ConditionEvaluator();
    }

    @Bean
    public AreaExecutionProcess areaExecutionProcess(ExecutionStore executionStore, TaskPricing taskPricing,
                                                     AreaProperties properties, ConditionEvaluator conditions,
                                                     CommandGateway commandGateway, MeterRegistry meterRegistry) {
        return new AreaExecutionProcess(executionStore, new ExecutionTasks(taskPricing, properties.taskTimeout()),
                conditions, commandGateway, meterRegistry);
    }
}
