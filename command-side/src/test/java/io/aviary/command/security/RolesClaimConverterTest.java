package io.aviary.command.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RolesClaimConverterTest {

    @Test
    void reads_a_top_level_roles_array() {
        assertThat(authorities("roles", Map.of("roles", List.of("ADMIN", "MANAGER"))))
                .containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_MANAGER");
    }

    @Test
    void follows_a_dotted_path_into_nested_objects() {
        assertThat(authorities("realm_access.roles",
                Map.of("realm_access", Map.of("roles", List.of("offline_access", "WORKER")))))
                .containsExactly("ROLE_WORKER");
    }

    @Test
    void names_that_are_not_exactly_aviary_roles_grant_nothing() {
        assertThat(authorities("roles", Map.of("roles", List.of("admin", "Manager", "ROLE_ADMIN", "superuser"))))
                .isEmpty();
    }

    @Test
    void a_missing_or_odd_claim_grants_nothing() {
        assertThat(authorities("realm_access.roles", Map.of("sub", "x"))).isEmpty();
        assertThat(authorities("realm_access.roles", Map.of("realm_access", "ADMIN"))).isEmpty();
        assertThat(authorities("roles", Map.of("roles", 42))).isEmpty();
    }

    @Test
    void a_space_separated_string_is_read_as_a_list() {
        assertThat(authorities("scope_roles", Map.of("scope_roles", "MANAGER ACCOUNTANT")))
                .containsExactlyInAnyOrder("ROLE_MANAGER", "ROLE_ACCOUNTANT");
    }

    private static List<String> authorities(String path, Map<String, Object> claims) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").claims(c -> c.putAll(claims)).build();
        return new RolesClaimConverter(path).convert(jwt).stream().map(GrantedAuthority::getAuthority).toList();
    }
}
