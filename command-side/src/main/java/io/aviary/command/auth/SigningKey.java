package io.aviary.command.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;

/**
 * One RSA signing key of the {@code signing_keys} table and its life: published from creation, signing from
 * {@code activatesAt} until {@code retiredAt}, published until its last token can have expired.
 *
 * @param kid         key id ({@code kid} header; the RFC 7638 thumbprint of the public key)
 * @param publicKey   the public half, served in the JWKS
 * @param privateKey  the private half, never leaves this table
 * @param createdAt   when it was generated (and published)
 * @param activatesAt from when it signs
 * @param retiredAt   from when it no longer signs ({@code null}: not scheduled)
 */
public record SigningKey(String kid, RSAPublicKey publicKey, RSAPrivateKey privateKey, Instant createdAt,
                         Instant activatesAt, Instant retiredAt) {

    /** Whether it signs new tokens at {@code now}. */
    public boolean signsAt(Instant now) {
        return !activatesAt.isAfter(now) && (retiredAt == null || retiredAt.isAfter(now));
    }

    /** Whether it is in the JWKS at {@code now}: pending, active, or retired less than {@code grace} ago. */
    public boolean publishedAt(Instant now, Duration grace) {
        return retiredAt == null || retiredAt.plus(grace).isAfter(now);
    }

    /** The public key as a JWK (RS256, use {@code sig}). */
    public RSAKey toPublicJwk() {
        return new RSAKey.Builder(publicKey).keyID(kid).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE)
                .build();
    }
}
