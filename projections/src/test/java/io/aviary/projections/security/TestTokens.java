package io.aviary.projections.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
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
import java.util.UUID;

/**
 * Stands in for the command side's token issuer: an RSA key made here, its public half served as JWKS by the JDK's
 * HTTP server on localhost, access tokens signed with it (RS256, {@code iss=aviary}, {@code roles} claim) as the
 * command side signs them. One per test JVM.
 */
public final class TestTokens {

    public static final String ISSUER = "aviary";
    private static TestTokens shared;

    private final HttpServer server;
    private final KeyPair key = newRsaKey();
    private final String kid = "test-" + UUID.randomUUID();

    private TestTokens() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) key.getPublic()).keyID(kid)
                .algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build()).toString();
        server.createContext("/jwks.json", exchange -> {
            try (exchange) {
                byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    public static synchronized TestTokens shared() {
        if (shared == null) {
            shared = new TestTokens();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.server.stop(0)));
        }
        return shared;
    }

    /** Points the app at this issuer. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("aviary.auth.jwks-url", () -> "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
        registry.add("aviary.auth.issuer", () -> ISSUER);
    }

    /** A valid access token of a user with these roles. */
    public String forRoles(String... roles) {
        return sign(Instant.now(), roles);
    }

    /** A token that expired an hour ago. */
    public String expired(String... roles) {
        return sign(Instant.now().minus(Duration.ofHours(2)), roles);
    }

    private String sign(Instant issuedAt, String... roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("user-" + String.join("-", roles).toLowerCase())
                .claim("preferred_username", "user")
                .claim("roles", List.of(roles))
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair newRsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
