package io.aviary.command.user;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Optional;

import static io.aviary.command.auth.SqlTimes.at;
import static io.aviary.command.auth.SqlTimes.instant;

/**
 * The {@code deleted_users} table: when each deleted user was deleted, so that the command side refuses the access
 * tokens issued to it before (a primary-key lookup per request of a person).
 */
@Repository
public class DeletedUsers {

    private final JdbcTemplate jdbc;

    DeletedUsers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** When the user was last deleted, if ever. */
    public Optional<Instant> deletedAt(String userId) {
        return jdbc.query("SELECT deleted_at FROM deleted_users WHERE user_id = ?",
                (rs, n) -> instant(rs, "deleted_at"), userId).stream().findFirst();
    }

    void record(String userId, Instant deletedAt) {
        jdbc.update("INSERT INTO deleted_users (user_id, deleted_at) VALUES (?, ?) "
                + "ON CONFLICT (user_id) DO UPDATE SET deleted_at = EXCLUDED.deleted_at", userId, at(deletedAt));
    }
}
