package io.aviary.command.axon;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * Tells Axon that an append failed on the unique (aggregate id, sequence number) key, so that two concurrent commands
 * on one aggregate end in a {@code ConcurrencyException} instead of a generic storage error. Needed because Axon's
 * default JDBC resolver only recognises {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver
 * never throws: it reports SQL state {@value #UNIQUE_VIOLATION} on a plain {@code PSQLException} (wrapped in a
 * {@code BatchUpdateException} for batched appends).
 */
public class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    /** PostgreSQL's {@code unique_violation}. */
    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isUniqueViolation(sql)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean isUniqueViolation(SQLException exception) {
        for (SQLException next = exception; next != null; next = next.getNextException()) {
            if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
