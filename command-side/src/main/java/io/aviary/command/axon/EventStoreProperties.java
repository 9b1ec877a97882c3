package io.aviary.command.axon;

import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long the event store waits for the gaps that open transactions leave in its global index
 * ({@code aviary.event-store.*}, env {@code AVIARY_EVENTSTORE_*}; ADR 0017). A transaction takes its events' indexes
 * when it inserts them and makes them visible when it commits; tracking processors (the Kafka publisher among them)
 * skip a gap for good once it is more than {@code maxGapOffset} indexes behind what they have read, or once an event
 * after it is older than {@code gapTimeout}. Both must therefore outlast the longest transaction that can still
 * commit, and the database makes that bound real: it refuses to commit a transaction that appended events after
 * {@code maxTransactionDuration} ({@code schema.sql}'s commit guard). The defaults keep every event of a
 * transaction of up to 10 s at up to 10,000 events/s, twice the 5,000/s the platform is sized for.
 *
 * @param maxTransactionDuration longest a transaction that appends events may stay open, from its first statement to
 *                               its commit; a later commit fails and rolls back (env
 *                               AVIARY_EVENTSTORE_MAXTRANSACTIONDURATION)
 * @param maxGapOffset           how many indexes behind the highest one read a gap is still waited for; at least the
 *                               highest append rate times {@code maxTransactionDuration} (env
 *                               AVIARY_EVENTSTORE_MAXGAPOFFSET)
 * @param gapTimeout             how long after an event was created the gaps before it are still waited for; more than
 *                               twice {@code maxTransactionDuration}, plus room for clock skew between replicas and for
 *                               the time a unit of work holds its events before its first statement (env
 *                               AVIARY_EVENTSTORE_GAPTIMEOUT)
 */
@ConfigurationProperties("aviary.event-store")
public record EventStoreProperties(
        @DefaultValue("10s") Duration maxTransactionDuration,
        @DefaultValue("100000") int maxGapOffset,
        @DefaultValue("60s") Duration gapTimeout) {

    public EventStoreProperties {
        if (maxTransactionDuration.toMillis() < 1) {
            throw new IllegalArgumentException("aviary.event-store.max-transaction-duration must be at least 1 ms");
        }
        if (maxGapOffset < 1) {
            throw new IllegalArgumentException("aviary.event-store.max-gap-offset must be positive");
        }
        // An event read may be up to one transaction older than its commit, and the gap before it may belong to a
        // transaction that started just before its own: below twice the bound, a gap that can still fill is dropped.
        if (gapTimeout.compareTo(maxTransactionDuration.multipliedBy(2)) <= 0) {
            throw new IllegalArgumentException("aviary.event-store.gap-timeout (" + gapTimeout + ") must be longer than"
                    + " twice aviary.event-store.max-transaction-duration (" + maxTransactionDuration + ")");
        }
        if (gapTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("aviary.event-store.gap-timeout must be below 24 days");
        }
    }

    /** Sets these gap settings on an engine being built (Axon's gap cleaning threshold, 250 gaps, stays). */
    public JdbcEventStorageEngine.Builder applyTo(JdbcEventStorageEngine.Builder engine) {
        return engine.maxGapOffset(maxGapOffset).gapTimeout((int) gapTimeout.toMillis());
    }

    /** The highest append rate (events/s) whose gaps these settings keep for a whole transaction. */
    public long coveredEventsPerSecond() {
        return maxGapOffset * 1000L / maxTransactionDuration.toMillis();
    }
}
