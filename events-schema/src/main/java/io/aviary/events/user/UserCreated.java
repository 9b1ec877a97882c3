package io.aviary.events.user;

import java.time.Instant;
import java.util.Set;

/**
 * A user was created (the password lives in its own table, never here).
 *
 * @param userId    the user (deterministic from {@code username})
 * @param username  unique login name
 * @param roles     granted roles
 * @param createdAt when
 */
public record UserCreated(String userId, String username, Set<Role> roles, Instant createdAt) implements UserEvent {
}
