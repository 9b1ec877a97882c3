package io.aviary.command.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads the Aviary roles of a token from a claim, given as a dotted path into nested objects ({@code roles},
 * {@code realm_access.roles}), into authorities {@code ROLE_<role>}. Names that are not Aviary roles are ignored, so
 * an identity provider's own roles ({@code offline_access}, ...) grant nothing here.
 */
public final class RolesClaimConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final List<String> path;

    public RolesClaimConverter(String claimPath) {
        this.path = List.of(claimPath.split("\\."));
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String segment : path) {
            if (!(value instanceof Map<?, ?> map)) {
                return List.of();
            }
            value = map.get(segment);
        }
        Collection<?> names = value instanceof Collection<?> collection ? collection
                : value instanceof String single ? List.of(single.split("[ ,]+")) : List.of();
        return Roles.parseAll(names).stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
    }
}
