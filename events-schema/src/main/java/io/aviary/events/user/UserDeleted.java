package io.aviary.events.user;

import java.time.Instant;

/**
 * An admin deleted a user: the user can no longer log in or refresh, and access tokens issued to it before this
 * instant are refused by the command side. The username may be created again later (a new {@code UserCreated} on
 * the same aggregate).
 *
 * @param userId    the user
 * @param username  its login name, for consumers that did not see its creation
 * @param deletedAt when
 */
public record UserDeleted(String userId, String username, Instant deletedAt) implements UserEvent {
}
