package io.aviary.command.user;

import io.aviary.events.user.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/** Commands of the User aggregate. No password here: it goes to {@code user_credentials}, never through Axon. */
public final class UserCommands {

    private UserCommands() {
    }

    /** Create a user; the id is {@link io.aviary.events.user.UserIds#forUsername}. */
    public record CreateUser(@TargetAggregateIdentifier String userId, String username, Set<Role> roles) {
    }

    /** Replace a user's roles. */
    public record ChangeUserRoles(@TargetAggregateIdentifier String userId, Set<Role> roles) {
    }

    /** Delete a user (its credentials and refresh tokens go in the same transaction, outside Axon). */
    public record DeleteUser(@TargetAggregateIdentifier String userId) {
    }
}
