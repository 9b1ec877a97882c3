package io.aviary.command.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.task.TaskIds;
import io.aviary.events.user.Role;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a bearer token can be wrong ends in 401 problem+json and changes nothing; a valid one passes. The probe
 * is {@code POST /api/v1/tasks} (MANAGER), with an idempotency key per request, so "changed nothing" is checkable.
 */
class TokenVerificationIntegrationTest extends CommandSideIntegrationTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Autowired
    private SigningKeys signingKeys;
    @Autowired
    private AccessTokenIssuer issuer;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void a_valid_token_is_accepted() {
        String token = issuer.issue(manager()).value();

        ResponseEntity<JsonNode> answer = createTask(token);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void no_token_is_unauthorized() {
        assertRefused(null);
    }

    @Test
    void an_expired_token_is_unauthorized() {
        Instant now = Instant.now();
        assertRefused(signed(claims(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)))));
    }

    @Test
    void a_token_not_valid_yet_is_unauthorized() {
        Instant now = Instant.now();
        assertRefused(signed(claims(now, now.plus(Duration.ofHours(2))).notBefore(Date.from(now.plus(
                Duration.ofHours(1))))));
    }

    @Test
    void a_token_without_expiry_is_unauthorized() {
        assertRefused(signed(Jwts.builder().issuer("aviary").subject("someone").claim("roles", List.of("MANAGER"))
                .issuedAt(new Date())));
    }

    @Test
    void a_token_of_another_issuer_is_unauthorized() {
        Instant now = Instant.now();
        assertRefused(signed(claims(now, now.plus(Duration.ofMinutes(5))).issuer("https://evil.example")));
    }

    @Test
    void a_token_signed_with_another_key_under_our_kid_is_unauthorized() throws Exception {
        Instant now = Instant.now();
        PrivateKey foreign = otherRsaKey();

        assertRefused(claims(now, now.plus(Duration.ofMinutes(5)))
                .header().keyId(signingKeys.signingKey().kid()).and()
                .signWith(foreign, Jwts.SIG.RS256).compact());
    }

    @Test
    void a_token_signed_with_an_unknown_key_is_unauthorized() throws Exception {
        Instant now = Instant.now();

        assertRefused(claims(now, now.plus(Duration.ofMinutes(5)))
                .header().keyId("unknown-" + UUID.randomUUID()).and()
                .signWith(otherRsaKey(), Jwts.SIG.RS256).compact());
    }

    @Test
    void an_unsigned_token_alg_none_is_unauthorized() {
        Instant now = Instant.now();
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"aviary\",\"sub\":\"x\",\"roles\":[\"MANAGER\"],\"iat\":"
                + now.getEpochSecond() + ",\"exp\":" + now.plusSeconds(300).getEpochSecond() + "}");

        assertRefused(header + "." + payload + ".");
    }

    @Test
    void a_token_with_a_tampered_payload_is_unauthorized() {
        // given a valid token of a WORKER (who may not create tasks)
        String token = issuer.issue(new TokenSubject("w", "w", Set.of(Role.WORKER), null,
                null)).value();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);

        // when its payload is changed to MANAGER, keeping the signature
        String tampered = parts[0] + "." + b64(payload.replace("\"WORKER\"", "\"MANAGER\"")) + "." + parts[2];

        // then it is refused as a bad token, not treated as a manager
        assertRefused(tampered);
    }

    @Test
    void an_hs256_token_signed_with_the_public_key_as_secret_is_unauthorized() throws Exception {
        // the classic key-confusion attack: HMAC keyed with the (public) RSA key, in the hope the verifier uses it
        SigningKey key = signingKeys.signingKey();
        Instant now = Instant.now();
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + key.kid() + "\"}");
        String payload = b64("{\"iss\":\"aviary\",\"sub\":\"x\",\"roles\":[\"MANAGER\"],\"iat\":"
                + now.getEpochSecond() + ",\"exp\":" + now.plusSeconds(300).getEpochSecond() + "}");
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key.publicKey().getEncoded(), "HmacSHA256"));
        byte[] signingInput = (header + "." + payload).getBytes(StandardCharsets.US_ASCII);
        String signature = B64.encodeToString(hmac.doFinal(signingInput));

        assertRefused(header + "." + payload + "." + signature);
    }

    @Test
    void garbage_is_unauthorized() {
        assertRefused("not.a.jwt");
    }

    private void assertRefused(String token) {
        String key = "it-token-" + UUID.randomUUID();

        ResponseEntity<JsonNode> answer = createTask(token, key);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertThat(answer.getBody().get("status").asInt()).isEqualTo(401);
        assertThat(answer.getBody().get("title").asText()).isEqualTo("Unauthorized");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateIdentifier = ?",
                Integer.class, TaskIds.newTaskId(key))).isZero();
    }

    private ResponseEntity<JsonNode> createTask(String token) {
        return createTask(token, "it-token-" + UUID.randomUUID());
    }

    private ResponseEntity<JsonNode> createTask(String token, String idempotencyKey) {
        return api().post("/api/v1/tasks", Map.of("type", "it-unroutable-" + UUID.randomUUID(),
                "idempotencyKey", idempotencyKey), token);
    }

    private static TokenSubject manager() {
        return new TokenSubject("it-manager", "it-manager", Set.of(Role.MANAGER), null, null);
    }

    /** Claims of a manager's token, valid except for what a test changes. */
    private static JwtBuilder claims(Instant issuedAt, Instant expiresAt) {
        return Jwts.builder().issuer("aviary").subject("it-manager").claim("roles", List.of("MANAGER"))
                .issuedAt(Date.from(issuedAt)).expiration(Date.from(expiresAt)).id(UUID.randomUUID().toString());
    }

    /** Signed with the real current signing key: only the claims are wrong. */
    private String signed(JwtBuilder jwt) {
        SigningKey key = signingKeys.signingKey();
        return jwt.header().keyId(key.kid()).and().signWith(key.privateKey(), Jwts.SIG.RS256).compact();
    }

    private static PrivateKey otherRsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
