package io.aviary.command.auth;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static io.aviary.command.auth.SqlTimes.at;
import static io.aviary.command.auth.SqlTimes.instant;

/** The {@code signing_keys} table, shared by every replica. */
@Repository
class SigningKeyRepository {

    /** Serialises key creation and rotation across replicas (a transaction-scoped PostgreSQL advisory lock). */
    private static final long KEYS_LOCK = 0x4156_4941_5259_4b31L;

    private static final RowMapper<SigningKey> ROWS = SigningKeyRepository::row;

    private final JdbcTemplate jdbc;

    SigningKeyRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for the other replicas' key changes; held until the current transaction ends. */
    void lock() {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> null, KEYS_LOCK);
    }

    /** Every key not retired before {@code retiredAfter}, oldest activation first. */
    List<SigningKey> findNotRetiredBefore(Instant retiredAfter) {
        return jdbc.query("SELECT * FROM signing_keys WHERE retired_at IS NULL OR retired_at > ? "
                + "ORDER BY activates_at, kid", ROWS, at(retiredAfter));
    }

    /** Whether some key will sign (now or later) that is not scheduled to retire. */
    boolean anyUnretired() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM signing_keys WHERE retired_at IS NULL)", Boolean.class));
    }

    void insert(SigningKey key) {
        jdbc.update("INSERT INTO signing_keys (kid, public_key, private_key, created_at, activates_at, retired_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", key.kid(), key.publicKey().getEncoded(),
                key.privateKey().getEncoded(), at(key.createdAt()), at(key.activatesAt()), at(key.retiredAt()));
    }

    /** Every other key stops signing at {@code at} at the latest. */
    void retireOthersAt(String kid, Instant at) {
        jdbc.update("UPDATE signing_keys SET retired_at = ? WHERE kid <> ? AND (retired_at IS NULL OR retired_at > ?)",
                at(at), kid, at(at));
    }

    /** Drops keys retired before {@code before}: nothing they signed is valid any more. */
    int deleteRetiredBefore(Instant before) {
        return jdbc.update("DELETE FROM signing_keys WHERE retired_at < ?", at(before));
    }

    private static SigningKey row(ResultSet rs, int n) throws SQLException {
        return new SigningKey(rs.getString("kid"), RsaKeys.publicKey(rs.getBytes("public_key")),
                RsaKeys.privateKey(rs.getBytes("private_key")), instant(rs, "created_at"),
                instant(rs, "activates_at"), instant(rs, "retired_at"));
    }
}
