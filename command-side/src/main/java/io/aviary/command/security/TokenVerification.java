package io.aviary.command.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** How a bearer token is checked: RS256 only, known key, issuer, {@code exp} required, {@code exp}/{@code nbf}. */
public final class TokenVerification {

    private TokenVerification() {
    }

    /**
     * A decoder over our own signing keys: accepts only RS256 signatures by a published key ({@code alg: none},
     * HMAC with the public key as secret, unknown keys are all refused) and then checks the claims.
     */
    public static JwtDecoder localDecoder(JWKSource<SecurityContext> keys, String issuer, Duration clockSkew,
                                          Clock clock) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // Nimbus would check exp/nbf against the system clock; the validators below do it with ours.
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator(issuer, clockSkew, clock));
        return decoder;
    }

    /** Issuer equal to {@code issuer}, {@code exp} present and not passed, {@code nbf} (if any) reached. */
    public static OAuth2TokenValidator<Jwt> validator(String issuer, Duration clockSkew, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
                timestamps,
                new JwtIssuerValidator(issuer));
    }

    /** Authenticates bearer tokens with {@code decoder}, roles read from {@code rolesClaim}, principal = sub. */
    public static AuthenticationManager authenticationManager(JwtDecoder decoder, String rolesClaim) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new RolesClaimConverter(rolesClaim));
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(converter);
        return new ProviderManager(provider);
    }
}
