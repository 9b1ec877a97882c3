package io.aviary.command.web;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends many commands as one unit of work and one transaction: each command is decided on its own (a rejected one
 * changes nothing and leaves the others alone: its nested unit of work rolls back to a savepoint), and the events of
 * all accepted ones are appended and committed together, one commit instead of one per command (ADR 16). If the
 * commit loses a race for an aggregate (another writer appended first), the whole batch is decided again once, as
 * {@link CommandSender} does for one command.
 */
@Component
public class CommandBatches {

    private static final Logger LOG = LoggerFactory.getLogger(CommandBatches.class);

    private final CommandGateway gateway;
    private final TransactionManager transactions;

    public CommandBatches(CommandGateway gateway, TransactionManager transactions) {
        this.gateway = gateway;
        this.transactions = transactions;
    }

    /** One command's outcome: its handler's result, or why it was refused. */
    public record Outcome(Object result, RuntimeException failure) {

        public boolean accepted() {
            return failure == null;
        }
    }

    /**
     * Sends every item's commands, item after item; an item's commands are sent in order until one is refused (the
     * ones before it stay). The outcomes are in the items' order: the last command's result, or the first refusal.
     */
    public List<Outcome> send(List<? extends List<?>> items) {
        try {
            return sendOnce(items);
        } catch (ConcurrencyException | AggregateStreamCreationException conflict) {
            LOG.debug("a batch of {} items lost a race for an aggregate, deciding it again", items.size());
            return sendOnce(items);
        }
    }

    private List<Outcome> sendOnce(List<? extends List<?>> items) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.attachTransaction(transactions);
        List<Outcome> outcomes = new ArrayList<>(items.size());
        try {
            for (List<?> commands : items) {
                Outcome outcome = new Outcome(null, null);
                for (Object command : commands) {
                    outcome = decide(command);
                    if (!outcome.accepted()) {
                        break;
                    }
                }
                outcomes.add(outcome);
            }
        } catch (RuntimeException e) {
            batch.rollback(e);
            throw e;
        }
        batch.commit(); // a failing commit has rolled back and throws
        return outcomes;
    }

    private Outcome decide(Object command) {
        try {
            return new Outcome(gateway.sendAndWait(command), null);
        } catch (CommandExecutionException e) {
            return new Outcome(null, e.getCause() instanceof RuntimeException cause ? cause : e);
        } catch (RuntimeException e) {
            return new Outcome(null, e);
        }
    }
}
