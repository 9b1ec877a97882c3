package io.aviary.command.web;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises a failure caused by an unreachable PostgreSQL (event store, token store, identity tables) and answers
 * it as what it is for a client: 503 with a {@code Retry-After}, not a 500. While the database is down, a command
 * fails before anything is written (Axon appends a command's events in one transaction). A command whose connection
 * broke half-way may or may not have been stored, as with any lost answer; sending it again is safe (a create with
 * the same idempotency key reaches the same task, a report of a finished attempt answers 409).
 * <p>
 * Recognised anywhere in the cause chain, suppressed exceptions included: Spring's
 * {@link DataAccessResourceFailureException} (which includes {@code CannotGetJdbcConnectionException}) and
 * {@link CannotCreateTransactionException}; JDBC's connection failures ({@link SQLTransientConnectionException},
 * e.g. Hikari's "connection is not available", {@link SQLRecoverableException}, any {@link SQLException} of
 * SQLState class {@code 08}, "connection exception", which is what Axon's {@code JdbcException} wraps, and HikariCP's
 * "Connection is closed" of a pooled connection evicted under a running statement); and a refused TCP connection.
 */
public final class StoreUnavailable {

    /** What a client is asked to wait: about the time a pool needs to find the database back. */
    static final long RETRY_AFTER_SECONDS = 5;
    /** HikariCP's message for a statement on a pooled connection that was closed under it (no SQLState). */
    private static final String HIKARI_CLOSED = "Connection is closed";

    private StoreUnavailable() {
    }

    /** Whether {@code failure} comes from the database being unreachable. */
    public static boolean causedBy(Throwable failure) {
        return causedBy(failure, 0);
    }

    private static boolean causedBy(Throwable failure, int depth) {
        for (Throwable cause = failure; cause != null && depth < 20; cause = next(cause), depth++) {
            if (isConnectionFailure(cause)) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (causedBy(suppressed, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Throwable next(Throwable cause) {
        return cause.getCause() == cause ? null : cause.getCause();
    }

    private static boolean isConnectionFailure(Throwable cause) {
        if (cause instanceof DataAccessResourceFailureException
                || cause instanceof CannotCreateTransactionException
                || cause instanceof SQLTransientConnectionException
                || cause instanceof SQLRecoverableException
                || cause instanceof ConnectException) {
            return true;
        }
        if (cause instanceof SQLException sql) {
            String state = sql.getSQLState();
            return state != null ? state.startsWith("08") : HIKARI_CLOSED.equals(sql.getMessage());
        }
        return false;
    }

    /** The problem a client gets: 503, try again later. */
    static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The event store is not reachable right now. Try again in " + RETRY_AFTER_SECONDS + " seconds");
        problem.setTitle("Service unavailable");
        return problem;
    }

    static ResponseEntity<ProblemDetail> response() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                .body(problem());
    }
}
