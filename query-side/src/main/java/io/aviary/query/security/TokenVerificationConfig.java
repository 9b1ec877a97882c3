package io.aviary.query.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which tokens are believed: the token's (unverified) {@code iss} picks the verifier, and an unknown issuer is a 401.
 * Each verifier accepts RS256 only, with keys from its issuer's JWKS (fetched lazily; a token naming an unknown
 * {@code kid} makes Nimbus fetch the set again, which is how a key rotation on the command side reaches us), and
 * checks issuer, {@code exp} (required), {@code nbf}, {@code iat} not in the future (60 s clock skew).
 */
@Configuration(proxyBeanMethods = false)
class TokenVerificationConfig {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** The command side writes role names into this claim. */
    static final String AVIARY_ROLES_CLAIM = "roles";

    @Bean
    AuthenticationManagerResolver<HttpServletRequest> bearerTokenAuthentication(AuthProperties properties) {
        RestOperations http = keySetClient();
        Map<String, AuthenticationManager> byIssuer = new HashMap<>();
        byIssuer.put(properties.issuer(), manager(aviaryDecoder(properties, http), AVIARY_ROLES_CLAIM));
        AuthProperties.Oidc oidc = properties.oidc();
        if (oidc.enabled()) {
            byIssuer.put(oidc.issuerUri(), manager(oidcDecoder(oidc, http), oidc.rolesClaim()));
        }
        return new JwtIssuerAuthenticationManagerResolver(byIssuer::get);
    }

    private static AuthenticationManager manager(JwtDecoder decoder, String rolesClaim) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new RolesClaimConverter(rolesClaim));
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(converter);
        return provider::authenticate;
    }

    private static JwtDecoder aviaryDecoder(AuthProperties properties, RestOperations http) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUrl())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .restOperations(http)
                .build();
        decoder.setJwtValidator(validator(properties.issuer(), null));
        return decoder;
    }

    /**
     * The provider's JWKS as configured, or found by discovery ({@code <issuer>/.well-known/openid-configuration})
     * on first use, so the app starts while the provider is away; until it answers, its tokens fail as 503 (not 401:
     * the token may well be fine).
     */
    private static JwtDecoder oidcDecoder(AuthProperties.Oidc oidc, RestOperations http) {
        JwtDecoder lazy = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder = oidc.jwksUri() == null || oidc.jwksUri().isBlank()
                    ? NimbusJwtDecoder.withIssuerLocation(oidc.issuerUri())
                    : NimbusJwtDecoder.withJwkSetUri(oidc.jwksUri());
            NimbusJwtDecoder decoder = builder
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .restOperations(http)
                    .build();
            decoder.setJwtValidator(validator(oidc.issuerUri(), oidc.audience()));
            return decoder;
        });
        return token -> {
            try {
                return lazy.decode(token);
            } catch (JwtDecoderInitializationException e) {
                throw new JwtException("Identity provider " + oidc.issuerUri() + " not reachable: " + e.getMessage(),
                        e);
            }
        };
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(CLOCK_SKEW));
        validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.IAT,
                iat -> iat == null || !iat.isAfter(Instant.now().plus(CLOCK_SKEW))));
        validators.add(new JwtIssuerValidator(issuer));
        if (audience != null && !audience.isBlank()) {
            validators.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.contains(audience)));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** Time-outs, so that a hanging key server fails requests instead of holding their threads. */
    private static RestOperations keySetClient() {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(Duration.ofSeconds(5));
        factory.setReadTimeout(Duration.ofSeconds(5));
        return new RestTemplate(factory);
    }
}
