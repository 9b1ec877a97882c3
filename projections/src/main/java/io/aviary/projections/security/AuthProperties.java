package io.aviary.projections.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bearer tokens are verified ({@code aviary.auth.*}), as on the query side: tokens of the command side only.
 *
 * @param jwksUrl the command side's JWKS ({@code AVIARY_JWKS_URL}; default
 *                {@code ${AVIARY_COMMAND_URL}/.well-known/jwks.json}), fetched on the first token and again for a key
 *                id not seen yet, so a key rotation needs no restart
 * @param issuer  the {@code iss} the command side writes into its tokens ({@code AVIARY_AUTH_ISSUER})
 */
@ConfigurationProperties("aviary.auth")
public record AuthProperties(@DefaultValue("http://localhost:8080/.well-known/jwks.json") String jwksUrl,
                             @DefaultValue("aviary") String issuer) {
}
