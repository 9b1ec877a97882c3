package io.aviary.command.user;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.user.UserCommands.ChangeUserRoles;
import io.aviary.command.user.UserCommands.CreateUser;
import io.aviary.command.user.UserCommands.DeleteUser;
import io.aviary.events.user.Role;
import io.aviary.events.user.UserCreated;
import io.aviary.events.user.UserDeleted;
import io.aviary.events.user.UserRolesChanged;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A person (or service account) that logs in. Its id comes from the username, so a second user of the same name
 * meets this aggregate and is refused. Holds roles only; credentials live in their own table. A deleted user is gone
 * for every command but a new creation of the same username, which brings the aggregate back with new roles.
 */
@Aggregate
public class UserAggregate {

    @AggregateIdentifier
    private String userId;
    private String username;
    private Set<Role> roles;
    private boolean deleted;

    protected UserAggregate() {
        // Axon creates an empty instance, then replays the events (or runs a creating command).
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(CreateUser command) {
        if (userId != null && !deleted) {
            throw new CommandRejectedException("Username '" + username + "' is taken");
        }
        apply(new UserCreated(command.userId(), command.username(), copy(command.roles()), now()));
        return command.userId();
    }

    @CommandHandler
    public void handle(ChangeUserRoles command) {
        requireNotDeleted();
        Set<Role> requested = copy(command.roles());
        if (!requested.equals(roles)) {
            apply(new UserRolesChanged(userId, requested, now()));
        }
    }

    @CommandHandler
    public void handle(DeleteUser command) {
        requireNotDeleted();
        apply(new UserDeleted(userId, username, now()));
    }

    /** A deleted user answers like one that never existed (404). */
    private void requireNotDeleted() {
        if (deleted) {
            throw new AggregateNotFoundException(userId, "User " + userId + " was deleted");
        }
    }

    @EventSourcingHandler
    void on(UserCreated event) {
        userId = event.userId();
        username = event.username();
        roles = copy(event.roles());
        deleted = false;
    }

    @EventSourcingHandler
    void on(UserDeleted event) {
        roles = Set.of();
        deleted = true;
    }

    @EventSourcingHandler
    void on(UserRolesChanged event) {
        roles = copy(event.roles());
    }

    /** In enum order, so the stored events list roles in a stable order. */
    private static Set<Role> copy(Set<Role> roles) {
        return roles == null || roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    /** Axon's message clock: the event timestamps use it too, and test fixtures pin it. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
