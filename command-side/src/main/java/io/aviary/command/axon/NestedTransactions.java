package io.aviary.command.axon;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Axon's units of work open Spring transactions with {@code PROPAGATION_NESTED} instead of {@code REQUIRED}. A root
 * unit of work (one command, one processor batch) gets a new transaction as before. A unit of work nested in another
 * (each command of a batch, {@code CommandBatches}) gets a savepoint: when its command is rejected it rolls back to
 * the savepoint, and the batch's other commands still commit together. With {@code REQUIRED} the nested rollback
 * would mark the whole transaction rollback-only (ADR 16).
 */
@Configuration(proxyBeanMethods = false)
class NestedTransactions {

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new SpringTransactionManager(transactions,
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED));
    }
}
