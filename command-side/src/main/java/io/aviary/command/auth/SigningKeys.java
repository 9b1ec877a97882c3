package io.aviary.command.auth;

import io.aviary.command.security.AuthProperties;
import io.aviary.command.security.SecurityClock;
import io.aviary.command.security.SecurityLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The signing keys as this replica sees them: the {@code signing_keys} table, read again every
 * {@code key-cache-ttl} (and on an unknown {@code kid}, at most once a second), so that a key rotated in on another
 * replica is published here long before it signs.
 * <p>
 * Life of a key: created and published at once; signs from {@code activatesAt}; retired when the next key starts
 * signing; dropped from the JWKS once every token it signed has expired. The first replica to start generates the
 * first key; replicas serialise key changes on an advisory lock.
 */
@Component
public class SigningKeys implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration RELOAD_THROTTLE = Duration.ofSeconds(1);
    /** Keys retired this long beyond the grace are deleted at the next rotation (kept a while for audits). */
    private static final Duration KEEP_RETIRED = Duration.ofDays(1);

    private final SigningKeyRepository repository;
    private final TransactionTemplate transactions;
    private final AuthProperties properties;
    private final SecurityClock clock;
    private volatile Snapshot snapshot;

    SigningKeys(SigningKeyRepository repository, PlatformTransactionManager transactionManager,
                AuthProperties properties, SecurityClock clock) {
        this.repository = repository;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
    }

    /** Makes sure a key exists before the first request (the first replica creates it). */
    @Override
    public void afterSingletonsInstantiated() {
        ensureKey();
        reload();
    }

    /** The key new tokens are signed with: the most recently activated one that signs now. */
    public SigningKey signingKey() {
        Instant now = clock.now();
        Optional<SigningKey> key = signingKeyIn(keys(), now);
        if (key.isEmpty()) {
            // The cached view may predate a rotation, or the table was emptied: read it (and repair it) again.
            ensureKey();
            key = signingKeyIn(reload(), now);
        }
        return key.orElseThrow(() -> new IllegalStateException("no signing key is active"));
    }

    /** The keys of the JWKS: pending, active, and retired ones that may have signed a live token. */
    public List<SigningKey> publishedKeys() {
        Instant now = clock.now();
        return keys().stream().filter(key -> key.publishedAt(now, properties.retiredKeyGrace())).toList();
    }

    /** Reads the table again unless that happened less than a second ago (an unknown kid asks for it). */
    public void reloadSoon() {
        refresh(RELOAD_THROTTLE);
    }

    /**
     * Adds a key that is published now and signs after the publish delay; the key signing until then retires at
     * that moment, and stays published until its last token expires.
     */
    public SigningKey rotate() {
        SigningKey created = transactions.execute(status -> {
            repository.lock();
            Instant now = clock.now();
            SigningKey key = RsaKeys.generate(now, now.plus(properties.keyPublishDelay()));
            repository.retireOthersAt(key.kid(), key.activatesAt());
            repository.insert(key);
            repository.deleteRetiredBefore(now.minus(properties.retiredKeyGrace()).minus(KEEP_RETIRED));
            return key;
        });
        reload();
        SecurityLog.notice("Signing key {} added; it signs from {}", created.kid(), created.activatesAt());
        return created;
    }

    private void ensureKey() {
        transactions.executeWithoutResult(status -> {
            repository.lock();
            if (!repository.anyUnretired()) {
                Instant now = clock.now();
                SigningKey key = RsaKeys.generate(now, now);
                repository.insert(key);
                SecurityLog.notice("Signing key {} generated", key.kid());
            }
        });
    }

    private List<SigningKey> keys() {
        Snapshot current = snapshot;
        if (current == null || current.olderThan(properties.keyCacheTtl())) {
            return refresh(properties.keyCacheTtl());
        }
        return current.keys();
    }

    /**
     * Reads the table again unless another thread did while this one waited for the lock. While the database is
     * unreachable it keeps serving the keys read last, and tries again after {@code maxAge}: without that, an
     * event-store outage would also fail every token check here and every JWKS fetch of the query side, turning a
     * "try again later" into "not authenticated" (and each request would wait for a connection in turn). A key
     * rotated in meanwhile is read once the table answers again, long before it signs (publish delay).
     */
    private synchronized List<SigningKey> refresh(Duration maxAge) {
        Snapshot current = snapshot;
        if (current != null && !current.olderThan(maxAge)) {
            return current.keys();
        }
        try {
            return reload();
        } catch (DataAccessException e) {
            if (current == null) {
                throw e;
            }
            LOG.warn("Signing keys not readable ({}); using the {} key(s) read before", e.toString(),
                    current.keys().size());
            snapshot = new Snapshot(current.keys(), System.nanoTime());
            return current.keys();
        }
    }

    private synchronized List<SigningKey> reload() {
        // Loads generously (retired within the grace of the real time); the clock-dependent filters run on read.
        List<SigningKey> keys = repository.findNotRetiredBefore(clock.now().minus(properties.retiredKeyGrace()));
        snapshot = new Snapshot(keys, System.nanoTime());
        return keys;
    }

    private static Optional<SigningKey> signingKeyIn(List<SigningKey> keys, Instant now) {
        return keys.stream().filter(key -> key.signsAt(now)).max(Comparator.comparing(SigningKey::activatesAt));
    }

    private record Snapshot(List<SigningKey> keys, long loadedAtNanos) {

        boolean olderThan(Duration age) {
            return System.nanoTime() - loadedAtNanos > age.toNanos();
        }
    }
}
