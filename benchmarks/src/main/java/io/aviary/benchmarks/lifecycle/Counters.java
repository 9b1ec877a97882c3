package io.aviary.benchmarks.lifecycle;

import io.aviary.benchmarks.rig.KafkaOffsets;
import io.aviary.benchmarks.rig.Rig;
import io.aviary.events.Topics;

import java.util.function.LongSupplier;

/**
 * The pipeline's counters at one moment: tasks COMPLETED in the read model, rows in the event store, records on
 * Kafka, records the projections have committed, PostgreSQL commits in the event store's database. Each is read with its own time stamp (the middle of its query), so
 * that rates over a window are exact even though the four reads take a moment.
 */
record Counters(Reading completed, Reading storedEvents, Reading kafkaRecords, Reading projected, Reading commits,
                long maxGlobalIndex) {

    /** A value and when it held (System.nanoTime, middle of the query). */
    record Reading(long value, long nanos) {
        double ratePerSecond(Reading later) {
            return (later.value - value) / ((later.nanos - nanos) / 1e9);
        }
    }

    static Counters read(Rig rig) {
        return new Counters(
                timed(() -> rig.readModels().countTasks("COMPLETED")),
                timed(() -> rig.eventStore().countEvents()),
                timed(() -> rig.kafka().endOffsets(Topics.EVENTS)),
                timed(() -> rig.kafka().committed(KafkaOffsets.PROJECTIONS_GROUP, Topics.EVENTS)),
                timed(() -> rig.eventStore().commits()),
                rig.eventStore().maxGlobalIndex());
    }

    private static Reading timed(LongSupplier query) {
        long before = System.nanoTime();
        long value = query.getAsLong();
        long after = System.nanoTime();
        return new Reading(value, before + (after - before) / 2);
    }
}
