package io.aviary.command.auth;

import io.aviary.command.auth.RefreshTokenStore.StoredRefreshToken;
import io.aviary.command.security.AuthProperties;
import io.aviary.command.security.SecurityClock;
import io.aviary.command.security.SecurityLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.Optional;

/**
 * Rotating refresh tokens. Each login starts a family; each refresh spends the presented token and issues its
 * successor in the same family. A token presented after it was spent means that two parties hold it (a theft, or a
 * client that retried a refresh whose answer it lost): the whole family is revoked, so the thief's and the owner's
 * descendants both stop working and the owner must log in again. Two concurrent refreshes of one token are the same
 * case: one wins, the other revokes the family.
 */
@Service
public class RefreshTokens {

    private final RefreshTokenStore store;
    private final AuthProperties properties;
    private final SecurityClock clock;

    RefreshTokens(RefreshTokenStore store, AuthProperties properties, SecurityClock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new family with its first token, for a login. */
    @Transactional
    public String startFamily(String userId) {
        Instant now = clock.now();
        return issue(store.startFamily(userId, now), now);
    }

    /**
     * Spends {@code token} and issues its successor. A rejection is an answer, not an exception, so that a family
     * revoked here is committed even though the caller gets a 401.
     */
    @Transactional
    public Rotation rotate(String token) {
        Instant now = clock.now();
        String hash = OpaqueTokens.hash(token);
        Optional<StoredRefreshToken> found = store.find(hash);
        if (found.isEmpty()) {
            return Rotation.rejected();
        }
        StoredRefreshToken stored = found.get();
        if (stored.familyRevokedAt() != null || !stored.expiresAt().isAfter(now)) {
            return Rotation.rejected();
        }
        if (!store.spend(hash, now)) {
            if (store.revokeFamily(stored.familyId(), now, "reuse")) {
                SecurityLog.refused("Refresh token reused: family {} of user {} revoked", stored.familyId(),
                        stored.userId());
            }
            return Rotation.rejected();
        }
        return new Rotation(stored.userId(), issue(stored.familyId(), now));
    }

    /** Revokes the family of {@code token}; an unknown token is ignored (logging out twice is fine). */
    @Transactional
    public void revokeFamilyOf(String token) {
        store.find(OpaqueTokens.hash(token))
                .ifPresent(stored -> store.revokeFamily(stored.familyId(), clock.now(), "logout"));
    }

    /** Revokes every family of the user (it was deleted): none of its refresh tokens works any more. */
    @Transactional
    public void revokeAllOf(String userId, Instant now) {
        int revoked = store.revokeFamiliesOf(userId, now, "user deleted");
        if (revoked > 0) {
            SecurityLog.notice("User {} deleted: {} refresh token families revoked", userId, revoked);
        }
    }

    private String issue(String familyId, Instant now) {
        String token = OpaqueTokens.newToken();
        store.insert(OpaqueTokens.hash(token), familyId, now, now.plus(properties.refreshTokenTtl()));
        return token;
    }

    /**
     * Outcome of a refresh.
     *
     * @param userId       whose token it was ({@code null} if rejected)
     * @param refreshToken the successor ({@code null} if rejected)
     */
    public record Rotation(String userId, String refreshToken) {

        static Rotation rejected() {
            return new Rotation(null, null);
        }

        public boolean accepted() {
            return refreshToken != null;
        }

        @Override
        public String toString() {
            return "Rotation[" + userId + "]";
        }
    }
}
