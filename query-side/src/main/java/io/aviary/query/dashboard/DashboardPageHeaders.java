package io.aviary.query.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;

/**
 * A Content-Security-Policy on the dashboard's page: scripts, styles and images only from this server (the
 * dashboard has no inline script or style and loads nothing from elsewhere), network calls only to this server and
 * the command side. An injected script could read the access token kept in memory; this policy is what keeps one
 * from running or sending anything away.
 */
@Configuration(proxyBeanMethods = false)
class DashboardPageHeaders {

    static final String CSP = "Content-Security-Policy";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> dashboardContentSecurityPolicy(DashboardProperties properties) {
        String policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' " + origin(properties.commandUrl()) + "; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors 'none'";
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                    FilterChain chain) throws ServletException, IOException {
                        response.setHeader(CSP, policy);
                        chain.doFilter(request, response);
                    }
                });
        registration.addUrlPatterns("/", "/index.html");
        registration.setName("dashboardContentSecurityPolicy");
        return registration;
    }

    /** {@code scheme://host[:port]} of a URL: CSP sources are origins. */
    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
