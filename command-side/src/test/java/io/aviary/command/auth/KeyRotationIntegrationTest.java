package io.aviary.command.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.security.AuthProperties;
import io.aviary.command.support.TestApi;
import io.aviary.events.user.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key rotation: a new key is in the JWKS before it signs, signs after the publish delay, and tokens signed by the
 * old key stay valid until they expire. Time is moved with the identity clock, not waited for.
 */
class KeyRotationIntegrationTest extends CommandSideIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private AccessTokenIssuer issuer;
    @Autowired
    private AuthProperties properties;
    @Autowired
    private TestRestTemplate http;

    @Test
    void a_rotated_key_is_published_before_it_signs_and_old_tokens_stay_valid_until_they_expire() throws Exception {
        // given a token signed before the rotation
        String before = issuer.issue(new TokenSubject("it-rotation", "it-rotation", Set.of(Role.MANAGER), null, null))
                .value();
        String oldKid = kidOf(before);

        // when an admin rotates the signing key
        ResponseEntity<JsonNode> rotated = api().post("/api/v1/auth/keys/rotate", null, api().adminToken());

        // then the new key is in the JWKS at once, next to the old one
        assertThat(rotated.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String newKid = rotated.getBody().get("kid").asText();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(publishedKids()).contains(oldKid, newKid);
        // and it does not sign yet
        assertThat(kidOf(freshLoginToken())).isNotEqualTo(newKid);

        // when the publish delay has passed
        SECURITY_CLOCK.advance(properties.keyPublishDelay().plusSeconds(1));

        // then new tokens carry the new kid
        assertThat(kidOf(freshLoginToken())).isEqualTo(newKid);
        // and the token signed before the rotation still works, its key still published
        assertThat(createTask(before).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(publishedKids()).contains(oldKid, newKid);

        // when every token the old key signed has expired
        SECURITY_CLOCK.advance(properties.retiredKeyGrace().plusSeconds(1));

        // then the old key leaves the JWKS
        assertThat(publishedKids()).contains(newKid).doesNotContain(oldKid);
    }

    @Test
    void the_jwks_is_public_and_holds_only_public_rsa_keys() {
        ResponseEntity<JsonNode> jwks = http.getForEntity("/.well-known/jwks.json", JsonNode.class);

        assertThat(jwks.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jwks.getBody().get("keys")).isNotEmpty().allSatisfy(key -> {
            assertThat(key.get("kty").asText()).isEqualTo("RSA");
            assertThat(key.get("alg").asText()).isEqualTo("RS256");
            assertThat(key.get("use").asText()).isEqualTo("sig");
            assertThat(key.has("kid")).isTrue();
            assertThat(key.has("d")).as("private exponent").isFalse();
            assertThat(key.has("p")).as("private prime").isFalse();
        });
    }

    @Test
    void only_an_admin_rotates_keys() {
        String manager = issuer.issue(new TokenSubject("it-m", "it-m", Set.of(Role.MANAGER), null, null)).value();

        assertThat(api().post("/api/v1/auth/keys/rotate", null, manager).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api().post("/api/v1/auth/keys/rotate", null, (String) null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /** A token from a real login now (the admin token of the test support is cached). */
    private String freshLoginToken() {
        return api().login("admin", TestApi.ADMIN_PASSWORD).get("accessToken").asText();
    }

    private ResponseEntity<JsonNode> createTask(String token) {
        return api().post("/api/v1/tasks", Map.of("type", "it-unroutable-" + UUID.randomUUID()), token);
    }

    private List<String> publishedKids() {
        JsonNode keys = http.getForEntity("/.well-known/jwks.json", JsonNode.class).getBody().get("keys");
        List<String> kids = new ArrayList<>();
        keys.forEach(key -> kids.add(key.get("kid").asText()));
        return kids;
    }

    private static String kidOf(String jwt) throws Exception {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))));
        return JSON.readTree(header).get("kid").asText();
    }
}
