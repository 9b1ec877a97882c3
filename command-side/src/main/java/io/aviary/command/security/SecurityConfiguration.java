package io.aviary.command.security;

import io.aviary.command.auth.LocalJwkSource;
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
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

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
    SecurityFilterChain apiSecurity(HttpSecurity http, AuthProperties properties, JwtDecoder aviaryJwtDecoder,
                                    SecurityClock clock,
                                    ObjectProvider<RequestMappingHandlerMapping> requestMappingHandlerMapping)
            throws Exception {
        SecurityProblems problems = new SecurityProblems();
        var issuers = new JwtIssuerAuthenticationManagerResolver(
                new IssuerAuthenticationManagers(properties, aviaryJwtDecoder, clock.clock()));
        http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
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
                .addFilterAfter(new AgentHardwareFilter(), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /** Verifies Aviary's own tokens against the local key table (also used for heartbeat tokens). */
    @Bean
    JwtDecoder aviaryJwtDecoder(LocalJwkSource keys, AuthProperties properties, SecurityClock clock) {
        return TokenVerification.localDecoder(keys, properties.issuer(), properties.clockSkew(), clock.clock());
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
