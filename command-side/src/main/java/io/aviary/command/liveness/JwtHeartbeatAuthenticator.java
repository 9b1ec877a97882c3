package io.aviary.command.liveness;

import io.aviary.command.security.TokenClaims;
import io.aviary.events.user.Role;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.util.List;
import java.util.Optional;

/**
 * Accepts a heartbeat only with a valid agent access token (verified like any API request) whose {@code workerId}
 * claim is the record's key: an agent beats for itself only.
 */
public class JwtHeartbeatAuthenticator implements HeartbeatAuthenticator {

    private static final String BEARER = "Bearer ";

    private final JwtDecoder decoder;

    public JwtHeartbeatAuthenticator(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Optional<String> refusal(String workerId, String authorization) {
        if (authorization == null) {
            return Optional.of("no " + HEADER + " header");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of("the " + HEADER + " header is not a bearer token");
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(authorization.substring(BEARER.length()).trim());
        } catch (JwtException e) {
            return Optional.of("invalid token (" + e.getMessage() + ")");
        }
        List<String> roles = jwt.getClaimAsStringList(TokenClaims.ROLES);
        if (roles == null || !roles.contains(Role.AGENT.name())) {
            return Optional.of("the token is not an agent's");
        }
        if (!workerId.equals(jwt.getClaimAsString(TokenClaims.WORKER_ID))) {
            return Optional.of("the token is for worker " + jwt.getClaimAsString(TokenClaims.WORKER_ID));
        }
        return Optional.empty();
    }
}
