package io.aviary.command.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which issuer's tokens are accepted, and how each is checked (for Spring's
 * {@code JwtIssuerAuthenticationManagerResolver}): always Aviary's own, verified against the local key table; with
 * {@code aviary.auth.oidc.issuer-uri} also that provider's, verified against its JWKS, fetched when its first token
 * arrives (so an identity provider that is down does not stop this service from starting). Any other {@code iss} is
 * refused (401).
 */
final class IssuerAuthenticationManagers implements AuthenticationManagerResolver<String> {

    private final Map<String, AuthenticationManager> byIssuer = new HashMap<>();

    IssuerAuthenticationManagers(AuthProperties properties, JwtDecoder localDecoder, Clock clock) {
        byIssuer.put(properties.issuer(),
                TokenVerification.authenticationManager(localDecoder, TokenClaims.ROLES));
        AuthProperties.Oidc oidc = properties.oidc();
        if (oidc.enabled()) {
            byIssuer.put(oidc.issuerUri(), new Lazy(() -> {
                NimbusJwtDecoder decoder = oidc.jwksUri() != null && !oidc.jwksUri().isBlank()
                        ? NimbusJwtDecoder.withJwkSetUri(oidc.jwksUri()).build()
                        : NimbusJwtDecoder.withIssuerLocation(oidc.issuerUri()).build();
                decoder.setJwtValidator(TokenVerification.validator(oidc.issuerUri(), properties.clockSkew(), clock));
                return TokenVerification.authenticationManager(decoder, oidc.rolesClaim());
            }));
        }
    }

    @Override
    public AuthenticationManager resolve(String issuer) {
        return byIssuer.get(issuer);
    }

    /** Builds its manager on first use; a failure (provider unreachable) is a 401 now and a retry next time. */
    private static final class Lazy implements AuthenticationManager {

        private final Supplier<AuthenticationManager> factory;
        private volatile AuthenticationManager built;

        Lazy(Supplier<AuthenticationManager> factory) {
            this.factory = factory;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            AuthenticationManager manager = built;
            if (manager == null) {
                try {
                    manager = factory.get();
                } catch (RuntimeException e) {
                    throw new AuthenticationServiceException("the identity provider is not reachable", e);
                }
                built = manager;
            }
            return manager.authenticate(authentication);
        }
    }
}
