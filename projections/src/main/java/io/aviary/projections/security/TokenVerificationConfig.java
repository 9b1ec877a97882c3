package io.aviary.projections.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.web.client.RestTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Which tokens are believed: RS256 only, keys from the command side's JWKS (fetched lazily; an unknown {@code kid}
 * makes Nimbus fetch the set again), issuer, {@code exp} (required), {@code nbf} and {@code iat} checked with 60 s of
 * clock skew; claim {@code roles} -> authorities {@code ROLE_<name>}. A copy of query-side's
 * {@code TokenVerificationConfig} without the external OpenID Connect issuer (no app depends on another; a shared
 * security module is the lead's call).
 */
@Configuration(proxyBeanMethods = false)
class TokenVerificationConfig {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    @Bean
    JwtDecoder jwtDecoder(AuthProperties properties) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        // time-outs, so that a hanging key server fails requests instead of holding their threads
        factory.setConnectTimeout(Duration.ofSeconds(5));
        factory.setReadTimeout(Duration.ofSeconds(5));
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUrl())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .restOperations(new RestTemplate(factory))
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(CLOCK_SKEW),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<Instant>(JwtClaimNames.IAT,
                        iat -> iat == null || !iat.isAfter(Instant.now().plus(CLOCK_SKEW))),
                new JwtIssuerValidator(properties.issuer()))));
        return decoder;
    }

    @Bean
    JwtAuthenticationConverter rolesClaimConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(TokenVerificationConfig::roles);
        return converter;
    }

    private static Collection<GrantedAuthority> roles(Jwt jwt) {
        Object value = jwt.getClaims().get("roles");
        Collection<?> names = value instanceof Collection<?> collection ? collection
                : value instanceof String single ? List.of(single) : List.of();
        return names.stream().filter(String.class::isInstance)
                .map(name -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + name)).toList();
    }
}
