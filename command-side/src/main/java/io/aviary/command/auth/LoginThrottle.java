package io.aviary.command.auth;

import io.aviary.command.security.AuthProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.Optional;

import static io.aviary.command.auth.SqlTimes.at;
import static io.aviary.command.auth.SqlTimes.instant;

/**
 * Locks a username after {@code max-failures} failed logins within {@code window}, for {@code lock-duration}
 * (table {@code login_throttle}). Keyed by the id the username maps to, whether or not such a user exists: unknown
 * usernames lock exactly like known ones, so the answers never tell which usernames exist. Other usernames are not
 * affected. Failures while locked do not extend the lock.
 */
@Component
public class LoginThrottle {

    private final JdbcTemplate jdbc;
    private final AuthProperties.Login policy;

    public LoginThrottle(JdbcTemplate jdbc, AuthProperties properties) {
        this.jdbc = jdbc;
        this.policy = properties.login();
    }

    /** Until when the username is locked, if it is locked at {@code now}. */
    public Optional<Instant> lockedUntil(String key, Instant now) {
        return jdbc.query("SELECT locked_until FROM login_throttle WHERE username_key = ?",
                        (rs, n) -> instant(rs, "locked_until"), key).stream()
                .filter(until -> until != null && until.isAfter(now))
                .findFirst();
    }

    /**
     * Counts a failed login (in its own transaction: it must stick although the login fails).
     *
     * @return the end of the lock if this failure locked the username
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Optional<Instant> recordFailure(String key, Instant now) {
        jdbc.update("INSERT INTO login_throttle (username_key, failures, window_started_at) VALUES (?, 0, ?) "
                + "ON CONFLICT (username_key) DO NOTHING", key, at(now));
        Row row = jdbc.queryForObject("SELECT failures, window_started_at, locked_until FROM login_throttle "
                        + "WHERE username_key = ? FOR UPDATE",
                (rs, n) -> new Row(rs.getInt("failures"), instant(rs, "window_started_at"),
                        instant(rs, "locked_until")), key);
        if (row.lockedUntil() != null && row.lockedUntil().isAfter(now)) {
            return Optional.empty(); // already locked: the lock does not grow
        }
        boolean windowOver = row.lockedUntil() != null || !row.windowStartedAt().plus(policy.window()).isAfter(now);
        int failures = windowOver ? 1 : row.failures() + 1;
        Instant windowStart = windowOver ? now : row.windowStartedAt();
        Instant lockedUntil = failures >= policy.maxFailures() ? now.plus(policy.lockDuration()) : null;
        jdbc.update("UPDATE login_throttle SET failures = ?, window_started_at = ?, locked_until = ? "
                + "WHERE username_key = ?", failures, at(windowStart), at(lockedUntil), key);
        return Optional.ofNullable(lockedUntil);
    }

    /** A successful login forgets the failures. */
    public void clear(String key) {
        jdbc.update("DELETE FROM login_throttle WHERE username_key = ?", key);
    }

    private record Row(int failures, Instant windowStartedAt, Instant lockedUntil) {
    }
}
