package io.aviary.command.security;

import io.aviary.events.user.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as far as the per-resource rules need it ("an agent reports only on its own tasks"). Roles come
 * from the granted authorities, so tokens of an external issuer (mapped roles) read the same way.
 *
 * @param subject    {@code sub}: a user id, or a worker id for an agent
 * @param username   {@code preferred_username}, if any
 * @param roles      the Aviary roles granted
 * @param workerId   the worker an agent or WORKER person acts as, if any
 * @param hardwareId the hardware an agent is enrolled on, if any
 */
public record CurrentPrincipal(String subject, String username, Set<Role> roles, String workerId,
                               String hardwareId) {

    public CurrentPrincipal {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(roles);
    }

    /** The authenticated caller of this request (empty for anonymous requests). */
    public static Optional<CurrentPrincipal> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The authenticated caller; for handlers that security already restricted to authenticated callers. */
    public static CurrentPrincipal require() {
        return current().orElseThrow(() -> new ForbiddenException("An authenticated caller is required"));
    }

    /** Reads a bearer-token authentication; anything else is no principal. */
    public static Optional<CurrentPrincipal> of(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token) || !token.isAuthenticated()) {
            return Optional.empty();
        }
        var jwt = token.getToken();
        return Optional.of(new CurrentPrincipal(jwt.getSubject(), jwt.getClaimAsString(TokenClaims.PREFERRED_USERNAME),
                rolesOf(token.getAuthorities()), jwt.getClaimAsString(TokenClaims.WORKER_ID),
                jwt.getClaimAsString(TokenClaims.HARDWARE_ID)));
    }

    /** The Aviary roles among {@code ROLE_*} authorities; other authorities are ignored. */
    public static Set<Role> rolesOf(Collection<? extends GrantedAuthority> authorities) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authorities) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                Roles.parse(name.substring(5)).ifPresent(roles::add);
            }
        }
        return roles;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** An agent without the admin role: limited to its own worker. */
    public boolean isAgentOnly() {
        return has(Role.AGENT) && !has(Role.ADMIN);
    }
}
