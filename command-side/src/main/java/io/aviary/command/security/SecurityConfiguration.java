package io.aviary.command.security;

import io.aviary.command.auth.LocalJwkSource;
import io.aviary.command.user.DeletedUsers;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.time.Duration;
import java.util.List;

/**
 * The command side as an OAuth2 resource server: stateless, bearer JWTs only (no sessions, no cookies, hence no
 * CSRF). Each endpoint's roles come from its {@code @RolesAllowed}/{@code @PermitAll} (see
 * {@link HandlerRolesAuthorizationManager}); health probes, metrics scraping and the API documentation are open.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity(jsr250Enabled = true)
public class SecurityConfiguration {

    private static final String[] API_DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
            "/swagger-ui/**"};

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AuthProperties properties, CorsProperties corsProperties,
                                    JwtDecoder aviaryJwtDecoder, SecurityClock clock, DeletedUsers deletedUsers,
                                    ObjectProvider<RequestMappingHandlerMapping> requestMappingHandlerMapping)
            throws Exception {
        SecurityProblems problems = new SecurityProblems();
        var issuers = new JwtIssuerAuthenticationManagerResolver(
                new IssuerAuthenticationManagers(properties, aviaryJwtDecoder, clock.clock()));
        http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .cors(cors -> cors.configurationSource(dashboardCors(corsProperties)))
                .oauth2ResourceServer(server -> server
                        .authenticationManagerResolver(issuers)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(EndpointRequest.to("health", "info", "prometheus")).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("ADMIN")
                        .requestMatchers(API_DOCS).permitAll()
                        .anyRequest().access(new HandlerRolesAuthorizationManager(requestMappingHandlerMapping)))
                .addFilterAfter(new AgentHardwareFilter(), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new DeletedUserFilter(deletedUsers, properties.issuer()), AgentHardwareFilter.class);
        SecurityFilterChain chain = http.build();
        // A refused cross-origin request is a problem too (Spring's CORS filter answers plain text).
        chain.getFilters().stream().filter(CorsFilter.class::isInstance).map(CorsFilter.class::cast)
                .forEach(filter -> filter.setCorsProcessor(new ProblemCorsProcessor()));
        return chain;
    }

    /**
     * The web dashboard (served by the query side, another origin) calls {@code /api/v1/**} from the browser with a
     * bearer header: preflights from the configured origins are answered before authentication, and {@code Location}
     * is readable by the script. No credentials (cookies) are allowed, none are used.
     */
    private static CorsConfigurationSource dashboardCors(CorsProperties properties) {
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOrigins(properties.allowedOrigins());
        api.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        api.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept"));
        api.setExposedHeaders(List.of("Location", "Retry-After"));
        api.setAllowCredentials(false);
        api.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/v1/**", api);
        return source;
    }

    /**
     * Verifies Aviary's own tokens against the local key table (also used for heartbeat tokens); a token verified
     * once is remembered for a minute ({@link VerifiedTokenCache}).
     */
    @Bean
    JwtDecoder aviaryJwtDecoder(LocalJwkSource keys, AuthProperties properties, SecurityClock clock) {
        return new VerifiedTokenCache(
                TokenVerification.localDecoder(keys, properties.issuer(), properties.clockSkew(), clock.clock()),
                TokenVerification.validator(properties.issuer(), properties.clockSkew(), clock.clock()),
                keys::publishes, 4_096, Duration.ofMinutes(1));
    }

    /** bcrypt today, in the {@code {id}hash} format, so the algorithm can change without a migration. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityClock securityClock() {
        return SecurityClock.system();
    }
}
