package io.aviary.query.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.events.worker.WorkerIds;
import io.aviary.infra.EmbeddedStack;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which bearer tokens the query side believes, and how it says no. Tokens come from {@link TestIdentityProvider}
 * (the command side's stand-in) and from an external OpenID Connect issuer it also plays.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"aviary.auth.oidc.roles-claim=realm_access.roles", "aviary.auth.oidc.audience=aviary-api"})
@Import(QuerySecurityTest.UndeclaredController.class)
class QuerySecurityTest {

    private static final TestIdentityProvider IDP = TestIdentityProvider.shared();
    private static final String WORKERS = "/api/v1/workers";

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private ObjectMapper json;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedStack stack = EmbeddedStack.shared();
        registry.add("spring.data.mongodb.uri", stack::mongoUri);
        registry.add("aviary.mongo.database", () -> stack.newDatabaseName("query_security"));
        IDP.register(registry);
        registry.add("aviary.auth.oidc.issuer-uri", IDP::oidcIssuer);
    }

    /** A handler someone forgot to annotate: nobody may call it. */
    @RestController
    static class UndeclaredController {
        @GetMapping("/api/v1/undeclared")
        String undeclared() {
            return "leaked";
        }
    }

    @Test
    void aCommandSideTokenWithTheRightRoleIsAccepted() {
        assertThat(get(WORKERS, IDP.forRoles("MANAGER")).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void withoutATokenTheAnswerIsA401Problem() {
        ResponseEntity<String> response = get(WORKERS, null);

        JsonNode problem = assertProblem(response, HttpStatus.UNAUTHORIZED);
        assertThat(problem.get("detail").asText()).contains("bearer token");
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
    }

    static Stream<Arguments> badTokens() {
        Instant now = Instant.now();
        String manager = IDP.forRoles("MANAGER");
        String[] parts = manager.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"MANAGER\"", "\"ADMIN\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        SecretKeySpec publicKeyAsHmacSecret = new SecretKeySpec(IDP.signingPublicKey().getEncoded(), "HmacSHA256");
        return Stream.of(
                Arguments.of("expired", IDP.sign(IDP.claims("u", "MANAGER")
                        .issuedAt(Date.from(now.minus(Duration.ofMinutes(20))))
                        .expiration(Date.from(now.minus(Duration.ofMinutes(5)))))),
                Arguments.of("not yet valid", IDP.sign(IDP.claims("u", "MANAGER")
                        .notBefore(Date.from(now.plus(Duration.ofMinutes(5)))))),
                Arguments.of("issued in the future", IDP.sign(IDP.claims("u", "MANAGER")
                        .issuedAt(Date.from(now.plus(Duration.ofMinutes(5)))))),
                Arguments.of("without expiry", IDP.sign(IDP.claims("u", "MANAGER").expiration(null))),
                Arguments.of("wrong issuer", IDP.sign(IDP.claims("u", "MANAGER").issuer("someone-else"))),
                Arguments.of("signed by a key not in the JWKS, under a published kid", TestIdentityProvider.sign(
                        IDP.claims("u", "MANAGER"), TestIdentityProvider.newRsaKey(), IDP.signingKid())),
                Arguments.of("signed by a key not in the JWKS, unknown kid", TestIdentityProvider.sign(
                        IDP.claims("u", "MANAGER"), TestIdentityProvider.newRsaKey(), "kid-" + UUID.randomUUID())),
                Arguments.of("alg none", IDP.claims("u", "MANAGER").compact()),
                Arguments.of("tampered payload", tampered),
                Arguments.of("HS256 signed with the public key", IDP.claims("u", "MANAGER")
                        .header().keyId(IDP.signingKid()).and()
                        .signWith(publicKeyAsHmacSecret, Jwts.SIG.HS256).compact()),
                Arguments.of("not a JWT", "not-a-jwt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIsA401Problem(String what, String token) {
        ResponseEntity<String> response = get(WORKERS, token);

        JsonNode problem = assertProblem(response, HttpStatus.UNAUTHORIZED);
        assertThat(problem.get("detail").asText()).isEqualTo("The bearer token is invalid or expired.");
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("invalid_token");
    }

    @Test
    void aKeyAddedToTheJwksIsPickedUpWithoutARestart() {
        // given the app has fetched the key set for a token of the current key
        assertThat(get(WORKERS, IDP.forRoles("MANAGER")).getStatusCode()).isEqualTo(HttpStatus.OK);
        int fetchesBefore = IDP.keySetFetches();

        // when the command side rotates: a new key is published, then signs
        String newKid = "rotated-" + UUID.randomUUID();
        String token = TestIdentityProvider.sign(IDP.claims("u", "MANAGER"), IDP.publishNewKey(newKid), newKid);

        // then a token of the new key is accepted, the key set having been fetched again for its unknown kid
        assertThat(get(WORKERS, token).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(IDP.keySetFetches()).isGreaterThan(fetchesBefore);
        // and tokens of the old key stay valid
        assertThat(get(WORKERS, IDP.forRoles("MANAGER")).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aWrongRoleIsA403ProblemShapedLikeTheAppsOtherProblems() {
        ResponseEntity<String> forbidden = get(WORKERS, IDP.forRoles("ACCOUNTANT"));
        ResponseEntity<String> unauthorized = get(WORKERS, null);
        ResponseEntity<String> notFound = get(WORKERS + "/" + UUID.randomUUID(), IDP.forRoles("ADMIN"));

        JsonNode problem = assertProblem(forbidden, HttpStatus.FORBIDDEN);
        assertThat(problem.get("title").asText()).isEqualTo("Forbidden");
        assertThat(problem.get("instance").asText()).isEqualTo(WORKERS);
        List<String> shape = fieldNames(assertProblem(notFound, HttpStatus.NOT_FOUND));
        assertThat(fieldNames(problem)).containsExactlyInAnyOrderElementsOf(shape);
        assertThat(fieldNames(assertProblem(unauthorized, HttpStatus.UNAUTHORIZED)))
                .containsExactlyInAnyOrderElementsOf(shape);
    }

    @Test
    void whoMayCallIsDecidedBeforeTheParametersAreRead() {
        assertProblem(get("/api/v1/tasks?status=NOT_A_STATUS", null), HttpStatus.UNAUTHORIZED);
        assertProblem(get("/api/v1/tasks?status=NOT_A_STATUS&size=0", IDP.forRoles("ACCOUNTANT")),
                HttpStatus.FORBIDDEN);
        assertProblem(get("/api/v1/tasks?status=NOT_A_STATUS", IDP.forRoles("MANAGER")), HttpStatus.BAD_REQUEST);
    }

    @Test
    void aHandlerWithoutDeclaredRolesIsDeniedEvenToAnAdmin() {
        assertProblem(get("/api/v1/undeclared", IDP.forRoles("ADMIN")), HttpStatus.FORBIDDEN);
        assertProblem(get("/api/v1/undeclared", null), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void probesAndApiDocumentationAreOpenOtherActuatorEndpointsAreForAdmins() {
        assertThat(get("/actuator/health/liveness", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("/v3/api-docs", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("/swagger-ui/index.html", null).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertProblem(get("/actuator/metrics", null), HttpStatus.UNAUTHORIZED);
        assertProblem(get("/actuator/metrics", IDP.forRoles("MANAGER")), HttpStatus.FORBIDDEN);
        assertThat(get("/actuator/metrics", IDP.forRoles("ADMIN")).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void tokensOfTheExternalProviderAreAcceptedWithRolesFromTheNestedClaim() {
        Map<String, Object> manager = Map.of("realm_access", Map.of("roles", List.of("MANAGER", "offline_access")),
                "aud", List.of("account", "aviary-api"));
        Map<String, Object> accountant = Map.of("realm_access", Map.of("roles", List.of("ACCOUNTANT")),
                "aud", "aviary-api");

        assertThat(get(WORKERS, IDP.signOidc(IDP.oidcClaims("olga", manager))).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertProblem(get(WORKERS, IDP.signOidc(IDP.oidcClaims("otto", accountant))), HttpStatus.FORBIDDEN);
    }

    @Test
    void externalTokensForAnotherAudienceOrSignedByAnotherKeyAreRejected() {
        Map<String, Object> otherAudience = Map.of("realm_access", Map.of("roles", List.of("MANAGER")),
                "aud", "someone-else");
        Map<String, Object> rightAudience = Map.of("realm_access", Map.of("roles", List.of("MANAGER")),
                "aud", "aviary-api");

        assertProblem(get(WORKERS, IDP.signOidc(IDP.oidcClaims("olga", otherAudience))), HttpStatus.UNAUTHORIZED);
        // the command side's key is not the provider's: its JWKS does not vouch for it
        assertProblem(get(WORKERS, IDP.sign(IDP.oidcClaims("olga", rightAudience))), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anExternalPersonWithRoleWorkerIsTheWorkerNamedAfterTheirUsername() {
        Map<String, Object> worker = Map.of("realm_access", Map.of("roles", List.of("WORKER")), "aud", "aviary-api");
        String token = IDP.signOidc(IDP.oidcClaims("wanda", worker));

        assertThat(get("/api/v1/tasks?workerId=" + WorkerIds.forName("wanda"), token).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertProblem(get("/api/v1/tasks?workerId=" + WorkerIds.forName("walter"), token), HttpStatus.FORBIDDEN);
    }

    private ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private JsonNode assertProblem(ResponseEntity<String> response, HttpStatus status) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        try {
            JsonNode problem = json.readTree(response.getBody());
            assertThat(problem.get("status").asInt()).isEqualTo(status.value());
            return problem;
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }
}
