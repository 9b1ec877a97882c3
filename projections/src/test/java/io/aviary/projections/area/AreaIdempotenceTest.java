package io.aviary.projections.area;

import io.aviary.projections.apply.BatchResult;
import io.aviary.projections.apply.CollectionResolver;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.apply.ReadModel;
import io.aviary.projections.apply.ReadModelProjector;
import io.aviary.projections.apply.ReadModelStore;
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
 * {@code areas}, {@code area_executions} and {@code area_deliveries} end up identical however the history of
 * {@link AreaScenario} is cut into batches and interleaved across AREAs, and do not change when everything is
 * delivered again, when an old event arrives late, or when a batch is replayed after a crash that lost one
 * collection's write.
 */
class AreaIdempotenceTest {

    private static final List<String> COLLECTIONS = List.of("area_deliveries", "area_executions", "areas");

    private static ReadModelStore reference;
    private static Map<String, List<Document>> expected;

    @BeforeAll
    static void projectOnceInOneBatch() {
        reference = new ReadModelStore("area_reference");
        projector(reference).apply(AreaScenario.feed().events());
        expected = reference.snapshot();
    }

    @AfterAll
    static void close() {
        reference.close();
    }

    @Test
    void allThreeCollectionsAreWritten() {
        assertThat(expected.keySet()).containsExactlyElementsOf(COLLECTIONS);
        assertThat(expected.get("areas")).hasSize(3);
        assertThat(expected.get("area_executions")).hasSize(8);
        assertThat(expected.get("area_deliveries")).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2026})
    void interleavedInOtherBatchesDeliveredTwiceAndLateGivesIdenticalDocuments(long seed) {
        Random random = new Random(seed);
        List<ProjectedEvent> events = AreaScenario.feed().events();
        try (ReadModelStore store = new ReadModelStore("area_idempotence_" + seed)) {
            ReadModelProjector projector = projector(store);

            // when: another interleaving of the AREAs, cut into batches at random
            applyInRandomBatches(projector, interleave(events, random), random);

            // then
            assertThat(store.snapshot()).isEqualTo(expected);

            // when: everything again in other batches, then an old event arrives late
            List<BatchResult> again = applyInRandomBatches(projector, interleave(events, random), random);
            BatchResult late = projector.apply(List.of(events.get(random.nextInt(events.size()))));

            // then nothing was applied or written, and the documents are the same
            assertThat(again).allSatisfy(result -> {
                assertThat(result.applied()).isZero();
                assertThat(result.documentsWritten()).isZero();
            });
            assertThat(late.applied()).isZero();
            assertThat(store.snapshot()).isEqualTo(expected);
        }
    }

    /**
     * A batch writes deliveries, then executions, then areas (whose sequence gates the other two). A crash can lose
     * the areas write alone, or the executions and areas writes; never an earlier write while a later one landed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"areas", "area_executions,areas"})
    void aBatchReplayedAfterACrashBetweenItsWritesGivesTheSameDocuments(String lostWrites) {
        List<ProjectedEvent> events = AreaScenario.feed().events();
        int half = events.size() / 2;
        try (ReadModelStore store = new ReadModelStore("area_crash")) {
            // given the first half was projected, and the second half's batch crashed after some of its writes
            ReadModelProjector projector = projector(store);
            projector.apply(events.subList(0, half));
            Map<String, List<Document>> beforeTheBatch = store.snapshot();
            projector.apply(events.subList(half, events.size()));
            for (String lost : lostWrites.split(",")) {
                store.database().getCollection(lost).drop();
                beforeTheBatch.get(lost).forEach(doc -> store.database().getCollection(lost).insertOne(doc));
            }

            // when the batch is delivered again
            projector.apply(events.subList(half, events.size()));

            // then every document is as if there had been no crash
            assertThat(store.snapshot()).isEqualTo(expected);
        }
    }

    private static ReadModelProjector projector(ReadModelStore store) {
        return new ReadModelProjector(List.of(ReadModel.AREAS), CollectionResolver.live(store.database()));
    }
}
