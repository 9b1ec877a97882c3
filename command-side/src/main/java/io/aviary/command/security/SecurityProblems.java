package io.aviary.command.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** 401 (no or bad token) and 403 (role not allowed) as problem+json. */
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityLog.NAME);

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException {
        boolean presented = exception instanceof InvalidBearerTokenException
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        if (presented) {
            // Why a token failed (expired, bad signature, unknown issuer) helps operators, not callers.
            LOG.info("Bearer token rejected on {} {}: {}", request.getMethod(), request.getRequestURI(),
                    exception.getMessage());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "The access token is invalid or has expired");
        } else {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "This request needs a bearer access token");
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException exception) throws IOException {
        ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "Forbidden",
                "Your roles do not allow this request");
    }
}
