package io.aviary.command.agent;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Optional;

import static io.aviary.command.auth.SqlTimes.at;

/** The {@code enrolment_tokens} table: one-time tokens, stored as SHA-256 hashes. */
@Repository
class EnrolmentTokens {

    private final JdbcTemplate jdbc;

    EnrolmentTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String tokenHash, String name, String createdBy, Instant createdAt, Instant expiresAt) {
        jdbc.update("INSERT INTO enrolment_tokens (token_hash, name, created_by, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?)", tokenHash, name, createdBy, at(createdAt), at(expiresAt));
    }

    /**
     * Spends the token if it is unspent and unexpired; concurrent callers serialise on the row, so exactly one
     * succeeds.
     *
     * @return the spent token, empty if it is unknown, spent or expired
     */
    Optional<SpentToken> spend(String tokenHash, String workerId, Instant now) {
        return jdbc.query("UPDATE enrolment_tokens SET spent_at = ?, worker_id = ? "
                        + "WHERE token_hash = ? AND spent_at IS NULL AND expires_at > ? RETURNING name",
                (rs, n) -> new SpentToken(rs.getString("name")), at(now), workerId, tokenHash, at(now))
                .stream().findFirst();
    }

    /**
     * A token just spent.
     *
     * @param boundName the only worker name it may enrol, or {@code null} for any
     */
    record SpentToken(String boundName) {
    }
}
