package io.aviary.command.billing;

import io.aviary.command.account.AccountingProcess;
import io.aviary.command.web.CommandSender;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;

/** Wires billing: the account list, the closing service, the scheduler. */
@Configuration(proxyBeanMethods = false)
public class BillingConfiguration {

    @Autowired
    public void configureBillingAccountsProcessor(EventProcessingConfigurer processing) {
        // Propagate handler errors: the processor retries the batch instead of skipping an account.
        processing.registerListenerInvocationErrorHandler(BillingAccountsProjection.PROCESSING_GROUP,
                config -> PropagatingErrorHandler.instance());
    }

    @Bean
    public BillingSchedule billingSchedule(BillingProperties properties) {
        return new BillingSchedule(properties.closeAt(), properties.zone());
    }

    /** The account table, created here ({@code schema.sql} holds Axon's tables only) before any processor starts. */
    @Bean
    public BillingAccounts billingAccounts(DataSource dataSource, JdbcTemplate jdbc) {
        new ResourceDatabasePopulator(new ClassPathResource("io/aviary/command/billing/billing-schema.sql"))
                .execute(dataSource);
        return new JdbcBillingAccounts(jdbc);
    }

    @Bean
    public BillingAccountsProjection billingAccountsProjection(BillingAccounts billingAccounts) {
        return new BillingAccountsProjection(billingAccounts);
    }

    @Bean
    public BillingCycles billingCycles(BillingAccounts billingAccounts, CommandSender commandSender,
                                       BillingSchedule billingSchedule, ObjectProvider<Clock> clock) {
        return new BillingCycles(billingAccounts, commandSender, billingSchedule,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    public BillingScheduler billingScheduler(BillingCycles billingCycles, BillingSchedule billingSchedule,
                                             BillingProperties properties, EventProcessingConfiguration processing,
                                             ObjectProvider<Clock> clock) {
        ProcessorsCaughtUp caughtUp = new ProcessorsCaughtUp(processing,
                List.of(AccountingProcess.PROCESSING_GROUP, BillingAccountsProjection.PROCESSING_GROUP));
        return new BillingScheduler(billingCycles, billingSchedule, properties, caughtUp,
                clock.getIfAvailable(Clock::systemUTC));
    }
}
