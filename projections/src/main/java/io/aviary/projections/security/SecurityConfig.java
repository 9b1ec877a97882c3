package io.aviary.projections.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Stateless bearer-token security, as on the query side: who may call an endpoint is declared on its handler
 * ({@code @RolesAllowed} / {@code @PermitAll}) and enforced by method security; a handler of this app that declares
 * neither is denied. The URL rules only open the probes and the Prometheus scrape, and keep the other actuator
 * endpoints for admins.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfig implements WebMvcConfigurer {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtAuthenticationConverter roles, SecurityProblems problems)
            throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable) // no cookies, no sessions: nothing for CSRF to ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests
                        // Prometheus scrapes without a token, as on the command side.
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        // every other request reaches a handler whose declared roles decide
                        .anyRequest().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(roles))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof HandlerMethod method && method.getBeanType().getName().startsWith("io.aviary.")
                        && !declared(method)) {
                    throw new AccessDeniedException("This endpoint declares no roles, so nobody may call it.");
                }
                return true;
            }
        });
    }

    private static boolean declared(HandlerMethod method) {
        return AnnotatedElementUtils.hasAnnotation(method.getMethod(), RolesAllowed.class)
                || AnnotatedElementUtils.hasAnnotation(method.getMethod(), PermitAll.class)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), RolesAllowed.class)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PermitAll.class);
    }
}
