package io.aviary.command.auth;

import io.aviary.command.security.AuthProperties;
import io.aviary.command.security.SecurityClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signing keys while PostgreSQL is unreachable (issue 7, fault "event store unavailable"): tokens must keep
 * verifying and the JWKS keep answering with the keys read last, instead of failing every authenticated request
 * (and every query-side JWKS fetch) for as long as the outage lasts.
 */
class SigningKeysOutageTest {

    private final SigningKey key = RsaKeys.generate(Instant.now(), Instant.now());
    private final FlakyRepository repository = new FlakyRepository(key);
    // a cache period of 0: every call goes to the table, as after the real 10 s
    private final SigningKeys keys = new SigningKeys(repository, new NoTransactions(), properties("0s"),
            SecurityClock.system());

    @Test
    void keepsServingTheKeysReadLastWhileTheTableIsUnreachable() {
        // given keys read once
        keys.afterSingletonsInstantiated();

        // when the database becomes unreachable
        repository.down = true;

        // then the published keys and the signing key are still those read before
        assertThat(keys.publishedKeys()).extracting(SigningKey::kid).containsExactly(key.kid());
        assertThat(keys.signingKey().kid()).isEqualTo(key.kid());
        keys.reloadSoon();
        assertThat(keys.publishedKeys()).extracting(SigningKey::kid).containsExactly(key.kid());

        // and once it answers again, the table is read again
        repository.down = false;
        int reads = repository.reads.get();
        keys.publishedKeys();
        assertThat(repository.reads.get()).isGreaterThan(reads);
    }

    @Test
    void withNothingReadYetTheFailureIsReported() {
        repository.down = true;

        assertThatThrownBy(keys::publishedKeys).isInstanceOf(CannotGetJdbcConnectionException.class);
    }

    private static AuthProperties properties(String keyCacheTtl) {
        return new Binder(new MapConfigurationPropertySource(Map.of("aviary.auth.key-cache-ttl", keyCacheTtl)))
                .bindOrCreate("aviary.auth", AuthProperties.class);
    }

    /** The key table, reachable or not. */
    private static final class FlakyRepository extends SigningKeyRepository {

        private final SigningKey key;
        private final AtomicInteger reads = new AtomicInteger();
        private volatile boolean down;

        FlakyRepository(SigningKey key) {
            super(null);
            this.key = key;
        }

        @Override
        void lock() {
            failIfDown();
        }

        @Override
        boolean anyUnretired() {
            failIfDown();
            return true;
        }

        @Override
        List<SigningKey> findNotRetiredBefore(Instant retiredAfter) {
            failIfDown();
            reads.incrementAndGet();
            return List.of(key);
        }

        private void failIfDown() {
            if (down) {
                throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new java.sql.SQLTransientConnectionException("Connection is not available", "08001"));
            }
        }
    }

    /** Transactions without a database (the stub repository needs none). */
    private static final class NoTransactions extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
