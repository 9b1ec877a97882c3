package io.aviary.command.user;

import io.aviary.events.user.Role;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/**
 * Body of {@code PUT /api/v1/users/{id}/roles}.
 *
 * @param roles the user's roles from now on (may be empty: the user can log in but do nothing); not AGENT
 */
public record ChangeUserRolesRequest(@NotNull List<@NotNull Role> roles) {

    @AssertTrue(message = "AGENT is granted by enrolment, not to users")
    boolean isWithoutAgentRole() {
        return roles == null || !roles.contains(Role.AGENT);
    }
}
