package io.aviary.command.person;

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

/** Wires the person-workers process and its table. */
@Configuration(proxyBeanMethods = false)
public class PersonConfiguration {

    @Autowired
    public void configurePersonWorkersProcessor(EventProcessingConfigurer processing) {
        // Propagate handler errors: a transient failure is retried rather than leaving a person without a worker.
        processing.registerListenerInvocationErrorHandler(PersonWorkerProcess.PROCESSING_GROUP,
                config -> PropagatingErrorHandler.instance());
    }

    /** The user table, created here ({@code schema.sql} holds Axon's tables only) before any processor starts. */
    @Bean
    public People people(DataSource dataSource, JdbcTemplate jdbc) {
        new ResourceDatabasePopulator(new ClassPathResource("io/aviary/command/person/person-schema.sql"))
                .execute(dataSource);
        return new JdbcPeople(jdbc);
    }

    @Bean
    public PersonWorkerProcess personWorkerProcess(People people, CommandGateway commandGateway,
                                                   PersonWorkerProperties properties) {
        return new PersonWorkerProcess(people, commandGateway, properties);
    }
}
