package io.aviary.query.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aviary.events.worker.WorkerIds;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the command side's token issuer (and for an external OpenID Connect provider): RSA key pairs made
 * here, their public halves served as JWKS by the JDK's HTTP server on localhost, tokens signed with jjwt the way
 * the command side signs them. One per test JVM.
 */
public final class TestIdentityProvider {

    public static final String ISSUER = "aviary";
    private static TestIdentityProvider shared;

    private final HttpServer server;
    private final List<JWK> aviaryKeys = new CopyOnWriteArrayList<>();
    private final AtomicInteger aviaryKeySetFetches = new AtomicInteger();
    private final KeyPair signingKey = newRsaKey();
    private final String signingKid = "aviary-" + UUID.randomUUID();
    private final KeyPair oidcKey = newRsaKey();
    private final String oidcKid = "oidc-" + UUID.randomUUID();

    private TestIdentityProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        aviaryKeys.add(publicJwk(signingKey, signingKid));
        server.createContext("/jwks.json", exchange -> {
            aviaryKeySetFetches.incrementAndGet();
            respond(exchange, new JWKSet(aviaryKeys).toString());
        });
        server.createContext("/oidc/.well-known/openid-configuration", exchange -> respond(exchange,
                "{\"issuer\":\"" + oidcIssuer() + "\",\"jwks_uri\":\"" + oidcIssuer() + "/jwks\","
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        server.createContext("/oidc/jwks", exchange -> respond(exchange,
                new JWKSet(publicJwk(oidcKey, oidcKid)).toString()));
        server.start();
    }

    public static synchronized TestIdentityProvider shared() {
        if (shared == null) {
            shared = new TestIdentityProvider();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.server.stop(0)));
        }
        return shared;
    }

    /** Points the app at this provider: command-side JWKS and issuer; the external issuer only when asked. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("aviary.auth.jwks-url", this::jwksUrl);
        registry.add("aviary.auth.issuer", () -> ISSUER);
    }

    public String jwksUrl() {
        return base() + "/jwks.json";
    }

    public String oidcIssuer() {
        return base() + "/oidc";
    }

    /** How often the command-side JWKS was fetched so far. */
    public int keySetFetches() {
        return aviaryKeySetFetches.get();
    }

    // ---- tokens of the command side

    /** A command-side access token's claims, not signed yet (15 minutes, like the real ones). */
    public JwtBuilder claims(String subject, String... roles) {
        Instant now = Instant.now();
        return Jwts.builder()
                .issuer(ISSUER)
                .subject(subject)
                .claim("preferred_username", subject)
                .claim("roles", List.of(roles))
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(Duration.ofMinutes(15))))
                .id(UUID.randomUUID().toString());
    }

    /** Signed with the published key, as the command side would. */
    public String sign(JwtBuilder claims) {
        return sign(claims, signingKey, signingKid);
    }

    public static String sign(JwtBuilder claims, KeyPair key, String kid) {
        return claims.header().keyId(kid).type("JWT").and().signWith(key.getPrivate(), Jwts.SIG.RS256).compact();
    }

    /** A token of a user with these roles. */
    public String forRoles(String... roles) {
        return sign(claims("user-" + String.join("-", roles).toLowerCase(), roles));
    }

    /** A person with role WORKER: {@code workerId} is the worker named after the username. */
    public String forWorker(String username) {
        return sign(claims(username, "WORKER").claim("workerId", WorkerIds.forName(username)));
    }

    /** An enrolled agent's token. */
    public String forAgent(String name) {
        String workerId = WorkerIds.forName(name);
        return sign(claims(workerId, "AGENT").claim("workerId", workerId).claim("hardwareId", "sha256:hw-" + name));
    }

    /** Publishes one more command-side key (as a rotation does) and returns it; {@code kid} names it. */
    public KeyPair publishNewKey(String kid) {
        KeyPair key = newRsaKey();
        aviaryKeys.add(publicJwk(key, kid));
        return key;
    }

    /** The published key's id. */
    public String signingKid() {
        return signingKid;
    }

    public RSAPublicKey signingPublicKey() {
        return (RSAPublicKey) signingKey.getPublic();
    }

    // ---- tokens of the external provider

    /** A token of the external provider with roles in a nested claim, Keycloak style. */
    public JwtBuilder oidcClaims(String username, Map<String, Object> extraClaims) {
        Instant now = Instant.now();
        return Jwts.builder()
                .issuer(oidcIssuer())
                .subject(UUID.randomUUID().toString())
                .claim("preferred_username", username)
                .claims(extraClaims)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    public String signOidc(JwtBuilder claims) {
        return sign(claims, oidcKey, oidcKid);
    }

    public static KeyPair newRsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWK publicJwk(KeyPair key, String kid) {
        return new RSAKey.Builder((RSAPublicKey) key.getPublic())
                .keyID(kid).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
