package io.aviary.query.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bearer tokens are verified ({@code aviary.auth.*}). Tokens of the command side are always accepted; tokens of an
 * external OpenID Connect issuer only when {@code oidc.issuer-uri} is set.
 *
 * @param jwksUrl the command side's JWKS ({@code AVIARY_JWKS_URL}; default
 *                {@code ${AVIARY_COMMAND_URL}/.well-known/jwks.json}). Fetched on the first token and again whenever a
 *                token names a key id it does not hold, so a key rotation needs no restart.
 * @param issuer  the {@code iss} the command side writes into its tokens ({@code AVIARY_AUTH_ISSUER})
 * @param oidc    an optional external identity provider
 */
@ConfigurationProperties("aviary.auth")
public record AuthProperties(@DefaultValue("http://localhost:8080/.well-known/jwks.json") String jwksUrl,
                             @DefaultValue("aviary") String issuer,
                             @DefaultValue Oidc oidc) {

    /**
     * An external OpenID Connect issuer (e.g. Keycloak) whose tokens are accepted too. Same names and defaults as on
     * the command side, so one set of environment variables configures both.
     *
     * @param issuerUri  the issuer ({@code AVIARY_OIDC_ISSUER_URI}); empty = no external issuer
     * @param jwksUri    its JWKS ({@code AVIARY_OIDC_JWKS_URI}); empty = found through the issuer's discovery
     *                   document, read on the first token it issued rather than at start-up
     * @param rolesClaim claim holding the role names, a dotted path into nested objects allowed
     *                   ({@code AVIARY_OIDC_ROLES_CLAIM}, e.g. Keycloak's {@code realm_access.roles}); the names must
     *                   be Aviary's roles ({@code ADMIN}, {@code MANAGER}, ...)
     * @param audience   when set, the token's {@code aud} must contain it ({@code AVIARY_OIDC_AUDIENCE}), so tokens
     *                   the provider issued for other clients are refused
     */
    public record Oidc(String issuerUri,
                       String jwksUri,
                       @DefaultValue("roles") String rolesClaim,
                       String audience) {

        public boolean enabled() {
            return issuerUri != null && !issuerUri.isBlank();
        }
    }
}
