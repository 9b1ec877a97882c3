package io.aviary.command.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Identity settings ({@code aviary.auth.*}, env {@code AVIARY_AUTH_*}).
 *
 * @param issuer               {@code iss} of the tokens this command side issues, and the one it accepts for them. Env
 *                             AVIARY_AUTH_ISSUER.
 * @param accessTokenTtl       Lifetime of an access token (also how long a retired signing key stays in the JWKS,
 *                             and how long a role change may take to reach a live token). Env
 *                             AVIARY_AUTH_ACCESS_TOKEN_TTL.
 * @param refreshTokenTtl      Lifetime of a refresh token (each refresh issues a new one). Env
 *                             AVIARY_AUTH_REFRESH_TOKEN_TTL.
 * @param keyPublishDelay      How long a rotated-in signing key is published in the JWKS before it signs, so that
 *                             every verifier has fetched it by then. Env AVIARY_AUTH_KEY_PUBLISH_DELAY.
 * @param keyCacheTtl          How long a replica keeps the signing-key table in memory before reading it again
 *                             (well below the publish delay). Env AVIARY_AUTH_KEY_CACHE_TTL.
 * @param clockSkew            Tolerance for {@code exp}/{@code nbf} between machines. Env AVIARY_AUTH_CLOCK_SKEW.
 * @param adminPassword        Password of the {@code admin} user created on the first start; only read while that
 *                             user does not exist. Unset: a random one is generated and logged once (refused with
 *                             profile {@code prod}). Env AVIARY_ADMIN_PASSWORD.
 * @param enrolmentTokenTtl    Default lifetime of an agent enrolment token. Env AVIARY_AUTH_ENROLMENT_TOKEN_TTL.
 * @param login                Brute-force protection of the login.
 * @param oidc                 An external OpenID Connect issuer whose tokens are accepted too (off when unset).
 */
@ConfigurationProperties("aviary.auth")
public record AuthProperties(
        @DefaultValue("aviary") String issuer,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("5m") Duration keyPublishDelay,
        @DefaultValue("10s") Duration keyCacheTtl,
        @DefaultValue("30s") Duration clockSkew,
        String adminPassword,
        @DefaultValue("60m") Duration enrolmentTokenTtl,
        @DefaultValue Login login,
        @DefaultValue Oidc oidc) {

    public AuthProperties {
        requirePositive(accessTokenTtl, "access-token-ttl");
        requirePositive(refreshTokenTtl, "refresh-token-ttl");
        requirePositive(enrolmentTokenTtl, "enrolment-token-ttl");
        if (keyPublishDelay.isNegative() || keyCacheTtl.isNegative() || clockSkew.isNegative()) {
            throw new IllegalArgumentException("aviary.auth durations must not be negative");
        }
    }

    /** How long after its retirement a signing key may still have signed a live token. */
    public Duration retiredKeyGrace() {
        return accessTokenTtl.plus(clockSkew);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("aviary.auth." + name + " must be positive");
        }
    }

    /**
     * Per-username lock after repeated failed logins, and a per-client-address limit on failed logins
     * ({@code aviary.auth.login.*}).
     *
     * @param maxFailures   failed logins within {@code window} that lock the username. Env
     *                      AVIARY_AUTH_LOGIN_MAX_FAILURES.
     * @param window        the window the failures are counted in. Env AVIARY_AUTH_LOGIN_WINDOW.
     * @param lockDuration  how long the username is locked (every login answers 429 meanwhile). Env
     *                      AVIARY_AUTH_LOGIN_LOCK_DURATION.
     * @param ipMaxFailures failed logins (any usernames) from one client address within {@code ipWindow} after which
     *                      every login from that address answers 429 until the window ends; counted per replica, in
     *                      memory. Behind a reverse proxy, set {@code SERVER_FORWARD_HEADERS_STRATEGY=native} so that
     *                      the address is the client's. Env AVIARY_AUTH_LOGIN_IP_MAX_FAILURES.
     * @param ipWindow      the window the per-address failures are counted in (it starts with the first failure).
     *                      Env AVIARY_AUTH_LOGIN_IP_WINDOW.
     */
    public record Login(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("15m") Duration window,
            @DefaultValue("15m") Duration lockDuration,
            @DefaultValue("30") int ipMaxFailures,
            @DefaultValue("1m") Duration ipWindow) {

        public Login {
            if (maxFailures < 1 || ipMaxFailures < 1) {
                throw new IllegalArgumentException("aviary.auth.login.max-failures and ip-max-failures must be at "
                        + "least 1");
            }
            requirePositive(window, "login.window");
            requirePositive(lockDuration, "login.lock-duration");
            requirePositive(ipWindow, "login.ip-window");
        }
    }

    /**
     * An external OpenID Connect provider ({@code aviary.auth.oidc.*}).
     *
     * @param issuerUri  its issuer ({@code iss}); tokens of this issuer are accepted. Env AVIARY_OIDC_ISSUER_URI.
     * @param jwksUri    its JWKS; unset: found through the issuer's discovery document. Env AVIARY_OIDC_JWKS_URI.
     * @param rolesClaim claim holding the Aviary role names, a dotted path into nested objects allowed (e.g.
     *                   {@code realm_access.roles} for Keycloak). Env AVIARY_OIDC_ROLES_CLAIM.
     */
    public record Oidc(String issuerUri, String jwksUri, @DefaultValue("roles") String rolesClaim) {

        /** Whether an external issuer is configured. */
        public boolean enabled() {
            return issuerUri != null && !issuerUri.isBlank();
        }
    }
}
