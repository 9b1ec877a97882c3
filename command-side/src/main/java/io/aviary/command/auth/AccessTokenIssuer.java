package io.aviary.command.auth;

import io.aviary.command.security.AuthProperties;
import io.aviary.command.security.Roles;
import io.aviary.command.security.SecurityClock;
import io.aviary.command.security.TokenClaims;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs access tokens (JWT, RS256, jjwt) with the current {@link SigningKeys#signingKey() signing key}; claims as in
 * the shared contract: {@code iss, sub, preferred_username, roles, iat, exp, jti}, plus {@code workerId} and
 * {@code hardwareId} where they apply.
 */
@Component
public class AccessTokenIssuer {

    private final SigningKeys keys;
    private final AuthProperties properties;
    private final SecurityClock clock;

    AccessTokenIssuer(SigningKeys keys, AuthProperties properties, SecurityClock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    public AccessToken issue(TokenSubject subject) {
        SigningKey key = keys.signingKey();
        Instant now = clock.now();
        Instant expiresAt = now.plus(properties.accessTokenTtl());
        JwtBuilder jwt = Jwts.builder()
                .header().keyId(key.kid()).type("JWT").and()
                .issuer(properties.issuer())
                .subject(subject.subject())
                .claim(TokenClaims.PREFERRED_USERNAME, subject.username())
                .claim(TokenClaims.ROLES, Roles.names(subject.roles()))
                .issuedAt(Date.from(now))
                .expiration(Date.from(expiresAt))
                .id(UUID.randomUUID().toString());
        if (subject.workerId() != null) {
            jwt.claim(TokenClaims.WORKER_ID, subject.workerId());
        }
        if (subject.hardwareId() != null) {
            jwt.claim(TokenClaims.HARDWARE_ID, subject.hardwareId());
        }
        String value = jwt.signWith(key.privateKey(), Jwts.SIG.RS256).compact();
        return new AccessToken(value, key.kid(), expiresAt, properties.accessTokenTtl().toSeconds());
    }
}
