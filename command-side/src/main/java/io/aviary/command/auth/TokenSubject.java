package io.aviary.command.auth;

import io.aviary.events.user.Role;

import java.util.Set;

/**
 * Whom an access token is for.
 *
 * @param subject    {@code sub}: the user id, or the worker id of an agent
 * @param username   {@code preferred_username}: the login name, or the worker name of an agent
 * @param roles      the roles the token grants
 * @param workerId   the worker it acts as (agents and WORKER people), else {@code null}
 * @param hardwareId the enrolled hardware (agents), else {@code null}
 */
public record TokenSubject(String subject, String username, Set<Role> roles, String workerId, String hardwareId) {

    public TokenSubject {
        roles = Set.copyOf(roles);
    }
}
