package io.aviary.projections.apply;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.aviary.projections.apply.Deliveries.applyInRandomBatches;
import static io.aviary.projections.apply.Deliveries.interleave;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read model, new ones included, ends up identical however the events of {@link EconomyScenario} are cut into
 * batches and interleaved across aggregates (as partitions deliver them), and is not changed by a redelivery of
 * everything, nor by an older event arriving late, nor by a batch replayed after a crash between two writes.
 */
class EconomyIdempotenceTest {

    private static final List<String> NEW_COLLECTIONS = List.of("accounts", "account_audit", "billing_cycles",
            "analytics_daily", "analytics_fleet", "analytics_task_timings");

    private static ReadModelStore reference;
    private static Map<String, List<Document>> expected;

    @BeforeAll
    static void projectOnceInOneBatch() {
        reference = new ReadModelStore("idempotence_reference");
        new ReadModelProjector(reference.database()).apply(EconomyScenario.feed().events());
        expected = reference.snapshot();
    }

    @AfterAll
    static void close() {
        reference.close();
    }

    @Test
    void everyNewCollectionIsWritten() {
        assertThat(expected.keySet()).containsAll(NEW_COLLECTIONS);
        NEW_COLLECTIONS.forEach(collection -> assertThat(expected.get(collection)).as(collection).isNotEmpty());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void interleavedInOtherBatchesAndDeliveredTwiceGivesIdenticalDocuments(long seed) {
        Random random = new Random(seed);
        List<ProjectedEvent> events = EconomyScenario.feed().events();
        try (ReadModelStore store = new ReadModelStore("idempotence_" + seed)) {
            ReadModelProjector projector = new ReadModelProjector(store.database());

            // when: another interleaving, cut at random
            applyInRandomBatches(projector, interleave(events, random), random);

            // then
            assertThat(store.snapshot()).isEqualTo(expected);

            // when: everything again, in other batches, then an older event late
            List<BatchResult> again = applyInRandomBatches(projector, interleave(events, random), random);
            BatchResult late = projector.apply(List.of(events.get(random.nextInt(events.size()))));

            // then
            assertThat(again).allSatisfy(result -> {
                assertThat(result.applied()).isZero();
                assertThat(result.documentsWritten()).isZero();
            });
            assertThat(late.applied()).isZero();
            assertThat(store.snapshot()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"accounts", "account_audit", "analytics_task_timings", "analytics_daily",
            "billing_cycles"})
    void batchReplayedAfterACrashThatLostOneCollectionsWriteGivesTheSameDocuments(String lost) {
        List<ProjectedEvent> events = EconomyScenario.feed().events();
        try (ReadModelStore store = new ReadModelStore("idempotence_crash")) {
            // given the batch's writes landed except those of one collection (here: the whole collection is gone)
            ReadModelProjector projector = new ReadModelProjector(store.database());
            projector.apply(events);
            store.database().getCollection(lost).drop();

            // when the batch is delivered again
            projector.apply(events);

            // then nothing was counted twice, and the lost documents are back
            assertThat(store.snapshot()).isEqualTo(expected);
        }
    }
}
