package io.aviary.command.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Remembers tokens whose RS256 signature was verified, so that an agent's or a client's next request with the same
 * token skips parsing and signature verification (ADR 16: they were ~8 % of command-side's CPU per task). A
 * remembered token is still checked on every use: its claims again ({@code exp}, {@code nbf}, issuer: cheap, no
 * crypto), and that its signing key is still published (a key retired past its grace ends its tokens at once, as
 * before). Only successes are remembered, each for at most {@code maxAge}; when {@code maxEntries} is reached the
 * cache starts over (the tokens of a fleet are few; a flood of distinct tokens costs what it cost before).
 */
public final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Predicate<String> keyPublished;
    private final int maxEntries;
    private final long maxAgeNanos;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public VerifiedTokenCache(JwtDecoder delegate, OAuth2TokenValidator<Jwt> validator,
                              Predicate<String> keyPublished, int maxEntries, Duration maxAge) {
        this.delegate = delegate;
        this.validator = validator;
        this.keyPublished = keyPublished;
        this.maxEntries = maxEntries;
        this.maxAgeNanos = maxAge.toNanos();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Verified known = verified.get(token);
        long now = System.nanoTime();
        if (known != null) {
            if (now - known.atNanos() < maxAgeNanos && keyPublished.test(known.kid())
                    && !validator.validate(known.jwt()).hasErrors()) {
                return known.jwt();
            }
            verified.remove(token);
        }
        Jwt jwt = delegate.decode(token); // throws for a bad token: nothing remembered
        if (verified.size() >= maxEntries) {
            verified.clear();
        }
        verified.put(token, new Verified(jwt, (String) jwt.getHeaders().get("kid"), now));
        return jwt;
    }

    /** How many verified tokens are remembered now. */
    int size() {
        return verified.size();
    }

    private record Verified(Jwt jwt, String kid, long atNanos) {
    }
}
