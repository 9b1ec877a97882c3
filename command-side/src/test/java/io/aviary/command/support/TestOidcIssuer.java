package io.aviary.command.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Jwts;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
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

/**
 * A stand-in OpenID Connect provider: an RSA key pair, its JWKS served over HTTP by the JDK's own server, and tokens
 * signed with it in Keycloak's shape (roles under {@code realm_access.roles}). One per JVM, started on first use.
 */
public final class TestOidcIssuer {

    private static TestOidcIssuer shared;

    private final KeyPair keys;
    private final String kid = "oidc-test-" + UUID.randomUUID();
    private final HttpServer server;

    private TestOidcIssuer() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID(kid)
                .algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build()).toString(true)
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/realms/it/protocol/openid-connect/certs", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(jwks);
            }
        });
        server.start();
    }

    public static synchronized TestOidcIssuer shared() {
        if (shared == null) {
            shared = new TestOidcIssuer();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.server.stop(0)));
        }
        return shared;
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/it";
    }

    public String jwksUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** A token of this provider for {@code username} with realm roles {@code roles}. */
    public String token(String username, List<String> roles) {
        Instant now = Instant.now();
        return Jwts.builder().header().keyId(kid).type("JWT").and()
                .issuer(issuer()).subject(UUID.randomUUID().toString())
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", roles))
                .issuedAt(Date.from(now)).expiration(Date.from(now.plus(Duration.ofMinutes(5))))
                .signWith(keys.getPrivate(), Jwts.SIG.RS256).compact();
    }
}
