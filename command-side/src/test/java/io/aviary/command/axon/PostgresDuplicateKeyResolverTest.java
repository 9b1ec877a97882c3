package io.aviary.command.axon;

import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresDuplicateKeyResolverTest {

    private final PostgresDuplicateKeyResolver resolver = new PostgresDuplicateKeyResolver();

    @Test
    void aUniqueViolationAnywhereInTheCauseChainIsADuplicateKey() {
        SQLException unique = new SQLException("duplicate key value violates unique constraint", "23505");

        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed", unique))).isTrue();
    }

    @Test
    void aBatchFailureCountsByItsNextException() {
        BatchUpdateException batch = new BatchUpdateException("batch entry 0 aborted", null, 0, new int[0], null);
        batch.setNextException(new SQLException("duplicate key", "23505"));

        assertThat(resolver.isDuplicateKeyViolation(batch)).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no cause"))).isFalse();
    }
}
