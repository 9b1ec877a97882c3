package io.aviary.command.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Login, token refresh, logout, and signing-key rotation. */
@RestController
@RequestMapping("/api/v1/auth")
public class AuthController {

    private final LoginService logins;
    private final SigningKeys keys;

    public AuthController(LoginService logins, SigningKeys keys) {
        this.logins = logins;
        this.keys = keys;
    }

    /**
     * Exchanges username and password for an access token and a refresh token. 401 for an unknown user or a wrong
     * password (indistinguishable); 429 with Retry-After while the username is locked after repeated failures, or
     * while the caller's address is, after too many failed logins for any usernames.
     */
    @PostMapping("/login")
    @PermitAll
    public TokenPair login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return logins.login(request.username(), request.password(), http.getRemoteAddr());
    }

    /** Spends the refresh token and answers a new pair; a spent token revokes its whole family (401). */
    @PostMapping("/refresh")
    @PermitAll
    public TokenPair refresh(@Valid @RequestBody RefreshTokenRequest request) {
        return logins.refresh(request.refreshToken());
    }

    /** Revokes the refresh token's family; access tokens already issued live until they expire. */
    @PostMapping("/logout")
    @PermitAll
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void logout(@Valid @RequestBody RefreshTokenRequest request) {
        logins.logout(request.refreshToken());
    }

    /**
     * Adds a signing key: in the JWKS at once, signing after {@code aviary.auth.key-publish-delay}, when the current
     * key retires (its tokens stay valid until they expire).
     */
    @PostMapping("/keys/rotate")
    @RolesAllowed("ADMIN")
    public ResponseEntity<RotatedKeyResponse> rotate() {
        SigningKey key = keys.rotate();
        return ResponseEntity.status(HttpStatus.CREATED).body(new RotatedKeyResponse(key.kid(), key.activatesAt()));
    }
}
