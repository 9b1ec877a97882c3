package io.aviary.command.web;

import io.aviary.command.CommandRejectedException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends a command and waits for it, for the REST controllers. Two things on top of the gateway:
 * <ul>
 *     <li>A command that lost a race for its aggregate (another command appended first, or created the same
 *     aggregate: two requests with one idempotency key) is sent once more; it then sees the winner's events, so a
 *     repeated create answers the existing id.</li>
 *     <li>A command its aggregate rejected is sent once more when it was decided on a cached aggregate: another
 *     command-side replica may have changed that aggregate since (ADR 16). The rejection rolled the unit of work
 *     back, which removed the entry from the cache, so the second try decides on the event store's state. With one
 *     replica the cache is never stale and the second answer is the first; a rejection costs two tries.</li>
 *     <li>A failure wrapped in a {@link CommandExecutionException} (distributed command buses) is unwrapped, so the
 *     domain message reaches the client.</li>
 * </ul>
 */
@Component
public class CommandSender {

    private static final Logger LOG = LoggerFactory.getLogger(CommandSender.class);

    private final CommandGateway gateway;

    public CommandSender(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command) {
        try {
            return sendOnce(command);
        } catch (ConcurrencyException | AggregateStreamCreationException conflict) {
            LOG.debug("{} lost a race for its aggregate, sending it again", command.getClass().getSimpleName());
            return sendOnce(command);
        } catch (CommandRejectedException rejected) {
            LOG.debug("{} rejected ({}), deciding again on the stored state", command.getClass().getSimpleName(),
                    rejected.getMessage());
            return sendOnce(command);
        }
    }

    private <R> R sendOnce(Object command) {
        try {
            return gateway.sendAndWait(command);
        } catch (CommandExecutionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(CommandExecutionException e) {
        return e.getCause() instanceof RuntimeException cause ? cause : e;
    }
}
