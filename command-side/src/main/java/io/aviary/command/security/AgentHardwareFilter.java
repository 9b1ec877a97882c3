package io.aviary.command.security;

import io.aviary.events.user.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Binds agent requests to the enrolled hardware: a request authenticated as an AGENT must carry
 * {@value TokenClaims#HARDWARE_ID_HEADER} equal to its token's {@code hardwareId}, else 403 and one security log
 * line. A token copied to another machine is useless there unless the thief also forges the header; together with
 * short token lifetimes and the hardware check when a token is issued, that narrows what a stolen token can do.
 */
final class AgentHardwareFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<CurrentPrincipal> agent = CurrentPrincipal.of(SecurityContextHolder.getContext().getAuthentication())
                .filter(principal -> principal.has(Role.AGENT));
        if (agent.isPresent()) {
            String header = request.getHeader(TokenClaims.HARDWARE_ID_HEADER);
            String enrolled = agent.get().hardwareId();
            if (header == null || enrolled == null || !enrolled.equals(header)) {
                SecurityLog.refused("Agent request refused: {} {} by worker {} with {} hardware id header",
                        request.getMethod(), request.getRequestURI(), agent.get().workerId(),
                        header == null ? "no" : "a mismatching");
                ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "Forbidden",
                        "The " + TokenClaims.HARDWARE_ID_HEADER + " header does not match the agent's enrolled "
                                + "hardware");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
