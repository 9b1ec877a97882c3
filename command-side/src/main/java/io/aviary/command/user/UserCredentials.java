package io.aviary.command.user;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Optional;

import static io.aviary.command.auth.SqlTimes.at;

/** The {@code user_credentials} table: password hashes, apart from the event store. */
@Repository
public class UserCredentials {

    private final JdbcTemplate jdbc;

    UserCredentials(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserCredential> find(String userId) {
        return jdbc.query("SELECT user_id, username, password_hash FROM user_credentials WHERE user_id = ?",
                (rs, n) -> new UserCredential(rs.getString("user_id"), rs.getString("username"),
                        rs.getString("password_hash")), userId).stream().findFirst();
    }

    public boolean exists(String userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM user_credentials WHERE user_id = ?)", Boolean.class, userId));
    }

    /**
     * Inserts a new credential; a second insert of the same user (or username) fails with Spring's
     * {@code DuplicateKeyException} once the first one commits: that is what makes two concurrent creations of one
     * username end in one user.
     */
    void insert(UserCredential credential, Instant now) {
        jdbc.update("INSERT INTO user_credentials (user_id, username, password_hash, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?)", credential.userId(), credential.username(),
                credential.passwordHash(), at(now), at(now));
    }

    /** Removes the user's credential; its password no longer logs in. */
    void delete(String userId) {
        jdbc.update("DELETE FROM user_credentials WHERE user_id = ?", userId);
    }
}
