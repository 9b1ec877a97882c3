package io.aviary.query.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Role names from a claim -> authorities {@code ROLE_<name>}. The claim is a dotted path ({@code roles},
 * {@code realm_access.roles}) to an array of strings (a single string counts as one role); anything else grants
 * nothing.
 */
final class RolesClaimConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final String[] path;

    RolesClaimConverter(String claimPath) {
        this.path = claimPath.split("\\.");
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String step : path) {
            value = value instanceof Map<?, ?> map ? map.get(step) : null;
        }
        Collection<?> names = value instanceof Collection<?> collection ? collection
                : value instanceof String single ? List.of(single) : List.of();
        return names.stream()
                .filter(String.class::isInstance)
                .map(name -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + name))
                .toList();
    }
}
