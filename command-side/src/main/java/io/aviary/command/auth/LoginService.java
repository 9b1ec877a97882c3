package io.aviary.command.auth;

import io.aviary.command.security.SecurityClock;
import io.aviary.command.security.SecurityLog;
import io.aviary.command.user.UserCredential;
import io.aviary.command.user.UserCredentials;
import io.aviary.events.user.UserIds;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Login, refresh and logout of people. */
@Service
public class LoginService {

    static final String REJECTED = "Invalid username or password";

    private final UserCredentials credentials;
    private final UserTokenSubjects subjects;
    private final LoginThrottle throttle;
    private final LoginAddressThrottle addressThrottle;
    private final RefreshTokens refreshTokens;
    private final AccessTokenIssuer issuer;
    private final PasswordEncoder passwords;
    private final SecurityClock clock;
    /** Checked against when the user is unknown, so that both cases cost one password hash. */
    private final String decoyHash;

    LoginService(UserCredentials credentials, UserTokenSubjects subjects, LoginThrottle throttle,
                 LoginAddressThrottle addressThrottle, RefreshTokens refreshTokens, AccessTokenIssuer issuer, PasswordEncoder passwords,
                 SecurityClock clock) {
        this.credentials = credentials;
        this.subjects = subjects;
        this.throttle = throttle;
        this.addressThrottle = addressThrottle;
        this.refreshTokens = refreshTokens;
        this.issuer = issuer;
        this.passwords = passwords;
        this.clock = clock;
        this.decoyHash = passwords.encode(OpaqueTokens.newToken());
    }

    /**
     * Checks the password and answers a token pair.
     *
     * @param clientAddress the caller's address, for the per-address limit on failed logins
     * @throws LoginLockedException        the username is locked, or the address made too many failed logins (429);
     *                                     the password is not even checked
     * @throws CredentialsRejectedException unknown user or wrong password (401, same message for both)
     */
    public TokenPair login(String username, String password, String clientAddress) {
        String key = UserIds.forUsername(username);
        Instant now = clock.now();
        Optional<Instant> blocked = addressThrottle.blockedUntil(clientAddress, now);
        if (blocked.isPresent()) {
            throw new LoginLockedException("Too many failed logins from your address; try again later",
                    Duration.between(now, blocked.get()));
        }
        Optional<Instant> locked = throttle.lockedUntil(key, now);
        if (locked.isPresent()) {
            throw new LoginLockedException(Duration.between(now, locked.get()));
        }
        Optional<UserCredential> credential = credentials.find(key);
        boolean matches = passwords.matches(password, credential.map(UserCredential::passwordHash).orElse(decoyHash));
        if (credential.isEmpty() || !matches) {
            addressThrottle.recordFailure(clientAddress, now);
            throttle.recordFailure(key, now).ifPresent(until -> SecurityLog.notice(
                    "Login locked until {} after repeated failures (user key {})", until, key));
            throw new CredentialsRejectedException(REJECTED);
        }
        throttle.clear(key);
        return TokenPair.of(issuer.issue(subjects.subjectOf(credential.get())),
                refreshTokens.startFamily(credential.get().userId()));
    }

    /** Exchanges a refresh token for a new pair (401 if unknown, expired, revoked or already spent). */
    public TokenPair refresh(String refreshToken) {
        RefreshTokens.Rotation rotation = refreshTokens.rotate(refreshToken);
        if (!rotation.accepted()) {
            throw new CredentialsRejectedException("The refresh token is invalid, expired or revoked");
        }
        TokenSubject subject = subjects.forUser(rotation.userId())
                .orElseThrow(() -> new CredentialsRejectedException("The user no longer exists"));
        return TokenPair.of(issuer.issue(subject), rotation.refreshToken());
    }

    /** Revokes the family of the refresh token (every token descended from the same login). */
    public void logout(String refreshToken) {
        refreshTokens.revokeFamilyOf(refreshToken);
    }
}
