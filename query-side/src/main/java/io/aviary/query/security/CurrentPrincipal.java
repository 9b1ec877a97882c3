package io.aviary.query.security;

import io.aviary.events.user.Role;
import io.aviary.events.worker.WorkerIds;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, for the per-resource rules that roles cannot express ("a WORKER sees only their own ..."). Same
 * shape as the command side's {@code CurrentPrincipal}.
 *
 * @param subject    the token's {@code sub}: a user id, or a worker id for an agent
 * @param username   {@code preferred_username}, if any
 * @param roles      the caller's Aviary roles (other role names are left out)
 * @param workerId   the token's {@code workerId}; for a person with role WORKER whose token lacks it (an external
 *                   identity provider), the id of the worker named after the username; else {@code null}
 * @param hardwareId an agent's {@code hardwareId}, if any
 */
public record CurrentPrincipal(String subject, String username, Set<Role> roles, String workerId,
                               String hardwareId) {

    private static final String ROLE_PREFIX = "ROLE_";

    public CurrentPrincipal {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(roles);
    }

    /** The authenticated caller of this request; empty when anonymous. */
    public static Optional<CurrentPrincipal> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token) || !token.isAuthenticated()) {
            return Optional.empty();
        }
        Jwt jwt = token.getToken();
        Set<Role> roles = rolesOf(token.getAuthorities());
        String username = jwt.getClaimAsString("preferred_username");
        String workerId = jwt.getClaimAsString("workerId");
        if (workerId == null && username != null && roles.contains(Role.WORKER)) {
            workerId = WorkerIds.forName(username);
        }
        return Optional.of(new CurrentPrincipal(jwt.getSubject(), username, roles, workerId,
                jwt.getClaimAsString("hardwareId")));
    }

    /** The authenticated caller, for handlers whose declared roles already keep anonymous callers out. */
    public static CurrentPrincipal require() {
        return current().orElseThrow(() -> new AccessDeniedException("An authenticated caller is required."));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Role... wanted) {
        return Arrays.stream(wanted).anyMatch(roles::contains);
    }

    /**
     * Whether the caller may see what belongs to {@code workerId}: callers with one of {@code seeAll} see
     * everything, anyone else only their own worker's.
     */
    public boolean maySee(String workerId, Role... seeAll) {
        return hasAnyRole(seeAll) || (this.workerId != null && this.workerId.equals(workerId));
    }

    /** The Aviary roles among {@code ROLE_*} authorities. */
    private static Set<Role> rolesOf(Collection<? extends GrantedAuthority> authorities) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authorities) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith(ROLE_PREFIX)) {
                Arrays.stream(Role.values())
                        .filter(role -> role.name().equals(name.substring(ROLE_PREFIX.length())))
                        .forEach(roles::add);
            }
        }
        return roles;
    }
}
