package io.aviary.command.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.auth.SigningKey;
import io.aviary.command.auth.SigningKeys;
import io.aviary.command.support.TestOidcIssuer;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens of an external OpenID Connect provider (a key pair and a JWKS served by the test itself, Keycloak's token
 * shape) are accepted next to Aviary's own, their roles read from {@code realm_access.roles}.
 */
class OidcIntegrationTest extends CommandSideIntegrationTest {

    private final TestOidcIssuer provider = TestOidcIssuer.shared();

    @Autowired
    private SigningKeys signingKeys;

    @Test
    void a_provider_token_with_an_aviary_role_is_accepted() {
        String token = provider.token("it-keycloak-manager", List.of("offline_access", "MANAGER"));

        assertThat(createTask(token).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void provider_roles_that_are_not_aviary_roles_grant_nothing() {
        String token = provider.token("it-keycloak-user", List.of("offline_access", "uma_authorization", "manager"));

        assertThat(createTask(token).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void a_token_claiming_the_providers_issuer_but_signed_with_another_key_is_refused() {
        // Aviary's own key is a valid key, but not for that issuer: each issuer is checked with its own keys
        SigningKey ours = signingKeys.signingKey();
        Instant now = Instant.now();
        String forged = Jwts.builder().header().keyId(ours.kid()).and()
                .issuer(provider.issuer()).subject("it-forger")
                .claim("realm_access", Map.of("roles", List.of("ADMIN")))
                .issuedAt(Date.from(now)).expiration(Date.from(now.plus(Duration.ofMinutes(5))))
                .signWith(ours.privateKey(), Jwts.SIG.RS256).compact();

        assertThat(createTask(forged).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private ResponseEntity<JsonNode> createTask(String token) {
        return api().post("/api/v1/tasks", Map.of("type", "it-unroutable-" + UUID.randomUUID()), token);
    }
}
