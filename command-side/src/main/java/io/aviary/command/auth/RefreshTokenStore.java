package io.aviary.command.auth;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static io.aviary.command.auth.SqlTimes.at;
import static io.aviary.command.auth.SqlTimes.instant;

/** Tables {@code refresh_token_families} and {@code refresh_tokens}; tokens only as SHA-256 hashes. */
@Repository
class RefreshTokenStore {

    private final JdbcTemplate jdbc;

    RefreshTokenStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new family (one per login). */
    String startFamily(String userId, Instant now) {
        String familyId = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO refresh_token_families (family_id, user_id, created_at) VALUES (?, ?, ?)",
                familyId, userId, at(now));
        return familyId;
    }

    void insert(String tokenHash, String familyId, Instant issuedAt, Instant expiresAt) {
        jdbc.update("INSERT INTO refresh_tokens (token_hash, family_id, issued_at, expires_at) VALUES (?, ?, ?, ?)",
                tokenHash, familyId, at(issuedAt), at(expiresAt));
    }

    Optional<StoredRefreshToken> find(String tokenHash) {
        return jdbc.query("SELECT t.family_id, f.user_id, t.expires_at, t.spent_at, f.revoked_at "
                        + "FROM refresh_tokens t JOIN refresh_token_families f ON f.family_id = t.family_id "
                        + "WHERE t.token_hash = ?",
                (rs, n) -> new StoredRefreshToken(rs.getString("family_id"), rs.getString("user_id"),
                        instant(rs, "expires_at"), instant(rs, "spent_at"), instant(rs, "revoked_at")),
                tokenHash).stream().findFirst();
    }

    /**
     * Spends the token if nobody spent it yet. Concurrent callers serialise on the row: exactly one sees a count of
     * one, the others see zero (a spent token).
     */
    boolean spend(String tokenHash, Instant now) {
        return jdbc.update("UPDATE refresh_tokens SET spent_at = ? WHERE token_hash = ? AND spent_at IS NULL",
                at(now), tokenHash) == 1;
    }

    /** @return whether the family was live until now */
    boolean revokeFamily(String familyId, Instant now, String reason) {
        return jdbc.update("UPDATE refresh_token_families SET revoked_at = ?, revoked_reason = ? "
                + "WHERE family_id = ? AND revoked_at IS NULL", at(now), reason, familyId) == 1;
    }

    /** @return how many live families of the user were revoked */
    int revokeFamiliesOf(String userId, Instant now, String reason) {
        return jdbc.update("UPDATE refresh_token_families SET revoked_at = ?, revoked_reason = ? "
                + "WHERE user_id = ? AND revoked_at IS NULL", at(now), reason, userId);
    }

    /**
     * A stored refresh token with its family.
     *
     * @param familyId        the login it descends from
     * @param userId          whose it is
     * @param expiresAt       when it stops working
     * @param spentAt         when it was exchanged (or {@code null})
     * @param familyRevokedAt when its family was revoked (or {@code null})
     */
    record StoredRefreshToken(String familyId, String userId, Instant expiresAt, Instant spentAt,
                              Instant familyRevokedAt) {
    }
}
