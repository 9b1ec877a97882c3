package io.aviary.command.user;

import io.aviary.events.user.Role;
import io.aviary.events.user.UserCreated;
import io.aviary.events.user.UserDeleted;
import io.aviary.events.user.UserRolesChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code user_roles} table: each user's current roles, for login and refresh (which must not replay a user's
 * events on every request). Written by a subscribing event processor, so in the very transaction that appends the
 * user event: the table can never disagree with the event store. A deleted user has no roles.
 */
@Component
@ProcessingGroup(UserRoles.PROCESSING_GROUP)
public class UserRoles {

    /** The processing group (a subscribing processor, see {@link UserConfiguration}). */
    public static final String PROCESSING_GROUP = "user-roles";

    private final JdbcTemplate jdbc;

    UserRoles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's roles (empty for an unknown user). */
    public Set<Role> of(String userId) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.query("SELECT role FROM user_roles WHERE user_id = ?",
                rs -> {
                    roles.add(Role.valueOf(rs.getString("role")));
                }, userId);
        return roles;
    }

    @EventHandler
    void on(UserCreated event) {
        replace(event.userId(), event.roles());
    }

    @EventHandler
    void on(UserRolesChanged event) {
        replace(event.userId(), event.roles());
    }

    @EventHandler
    void on(UserDeleted event) {
        replace(event.userId(), Set.of());
    }

    private void replace(String userId, Collection<Role> roles) {
        jdbc.update("DELETE FROM user_roles WHERE user_id = ?", userId);
        for (Role role : roles) {
            jdbc.update("INSERT INTO user_roles (user_id, role) VALUES (?, ?)", userId, role.name());
        }
    }
}
