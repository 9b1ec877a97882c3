package io.aviary.command.security;

import io.aviary.command.user.DeletedUsers;
import io.aviary.events.user.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Refuses (401) an access token of Aviary's issuer whose user was deleted at or after the token was issued: a
 * deletion takes effect at once on the command side, where state changes, instead of after the token's lifetime.
 * One primary-key lookup per request of a person; agents (whose subject is a worker) and tokens of an external issuer
 * are not users of this table. Compared in whole seconds, as {@code iat} is: a token issued in the second of the
 * deletion is refused too.
 */
final class DeletedUserFilter extends OncePerRequestFilter {

    private final DeletedUsers deletedUsers;
    private final String issuer;

    DeletedUserFilter(DeletedUsers deletedUsers, String issuer) {
        this.deletedUsers = deletedUsers;
        this.issuer = issuer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                && token.isAuthenticated() && issuedHere(token.getToken())
                && !CurrentPrincipal.rolesOf(token.getAuthorities()).contains(Role.AGENT)
                && issuedBeforeDeletion(token.getToken())) {
            SecurityLog.refused("Access token of deleted user {} refused on {} {}", token.getToken().getSubject(),
                    request.getMethod(), request.getRequestURI());
            SecurityContextHolder.clearContext();
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "The access token is invalid or has expired");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean issuedHere(Jwt jwt) {
        // The claim as text: "aviary" is no URL, which Jwt.getIssuer() would insist on.
        return issuer.equals(jwt.getClaimAsString("iss"));
    }

    private boolean issuedBeforeDeletion(Jwt jwt) {
        Optional<Instant> deletedAt = jwt.getSubject() == null ? Optional.empty()
                : deletedUsers.deletedAt(jwt.getSubject());
        Instant issuedAt = jwt.getIssuedAt();
        return deletedAt.isPresent()
                && (issuedAt == null || issuedAt.getEpochSecond() <= deletedAt.get().getEpochSecond());
    }
}
