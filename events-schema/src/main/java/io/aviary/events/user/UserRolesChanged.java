package io.aviary.events.user;

import java.time.Instant;
import java.util.Set;

/**
 * An admin replaced a user's roles.
 *
 * @param userId    the user
 * @param roles     the roles from now on
 * @param changedAt when
 */
public record UserRolesChanged(String userId, Set<Role> roles, Instant changedAt) implements UserEvent {
}
