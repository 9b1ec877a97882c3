package io.aviary.command.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokenCacheTest {

    private static final String ISSUER = "aviary";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
    private final Set<String> published = ConcurrentHashMap.newKeySet();
    private final AtomicInteger verifications = new AtomicInteger();
    private RSAKey key;
    private JwtDecoder counting;
    private VerifiedTokenCache cache;

    @BeforeEach
    void keys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        published.add(key.getKeyID());
        JwtDecoder real = TokenVerification.localDecoder(
                new ImmutableJWKSet<SecurityContext>(new JWKSet(key.toPublicJWK())), ISSUER, Duration.ZERO, clock);
        counting = token -> {
            verifications.incrementAndGet();
            return real.decode(token);
        };
        cache = new VerifiedTokenCache(counting, TokenVerification.validator(ISSUER, Duration.ZERO, clock),
                published::contains, 100, Duration.ofMinutes(1));
    }

    @Test
    void a_token_verified_once_is_not_verified_again_on_its_next_use() throws Exception {
        // given a valid token, verified once
        String token = token(Duration.ofMinutes(15));
        Jwt first = cache.decode(token);

        // when it is presented again
        Jwt second = cache.decode(token);

        // then its signature was checked once, and both answers carry its claims
        assertThat(verifications).hasValue(1);
        assertThat(second.getSubject()).isEqualTo("agent-1").isEqualTo(first.getSubject());
    }

    @Test
    void a_remembered_token_that_expired_is_refused() throws Exception {
        // given a token of one minute, remembered
        String token = token(Duration.ofSeconds(30));
        cache.decode(token);

        // when its expiry passes
        clock.advance(Duration.ofSeconds(31));

        // then it is refused, and no longer remembered
        assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtException.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void a_remembered_token_whose_key_is_no_longer_published_is_verified_again() throws Exception {
        // given a remembered token
        String token = token(Duration.ofMinutes(15));
        cache.decode(token);

        // when its key leaves the published set
        published.remove(key.getKeyID());
        cache.decode(token);

        // then the cache does not answer for it: the signature is checked again
        assertThat(verifications).hasValue(2);
    }

    @Test
    void a_remembered_token_is_verified_again_after_the_maximum_age() throws Exception {
        // given a cache that remembers for no time at all
        cache = new VerifiedTokenCache(counting, TokenVerification.validator(ISSUER, Duration.ZERO, clock),
                published::contains, 100, Duration.ZERO);
        String token = token(Duration.ofMinutes(15));

        // when the token is used twice
        cache.decode(token);
        cache.decode(token);

        // then each use was verified
        assertThat(verifications).hasValue(2);
    }

    @Test
    void a_token_with_a_bad_signature_is_refused_every_time_and_not_remembered() throws Exception {
        // given a token signed by a key that is not ours
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        String forged = token(Duration.ofMinutes(15), stranger);

        // when it is presented twice, then it is refused twice, verified each time
        assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void the_cache_starts_over_when_full() throws Exception {
        // given a cache of two
        cache = new VerifiedTokenCache(counting, TokenVerification.validator(ISSUER, Duration.ZERO, clock),
                published::contains, 2, Duration.ofMinutes(1));

        // when three tokens are verified
        cache.decode(token(Duration.ofMinutes(15), key, "a"));
        cache.decode(token(Duration.ofMinutes(15), key, "b"));
        cache.decode(token(Duration.ofMinutes(15), key, "c"));

        // then it holds no more than its size
        assertThat(cache.size()).isEqualTo(1);
    }

    private String token(Duration ttl) throws Exception {
        return token(ttl, key);
    }

    private String token(Duration ttl, RSAKey signer) throws Exception {
        return token(ttl, signer, "agent-1");
    }

    private String token(Duration ttl, RSAKey signer, String subject) throws Exception {
        Instant now = clock.instant();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(ttl))).build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
