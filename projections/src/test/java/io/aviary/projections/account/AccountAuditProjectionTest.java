package io.aviary.projections.account;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.aviary.events.account.AccountIds;
import io.aviary.events.task.Outcome;
import io.aviary.infra.EmbeddedStack;
import io.aviary.projections.apply.BatchResult;
import io.aviary.projections.apply.CollectionResolver;
import io.aviary.projections.apply.EconomyFeed;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.apply.ReadModel;
import io.aviary.projections.apply.ReadModelProjector;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code account_audit} for a busy worker (issue 12): however many movements a day has, no document grows past a
 * bucket, a batch sends MongoDB only what is new, a redelivery changes nothing and the movements read back in
 * account order.
 */
class AccountAuditProjectionTest {

    private static final String WORKER = EconomyFeed.workerId("busy");
    private static final String DAY = "2026-01-30";
    /** A bucket of 500 movements of ~190 bytes each, with room to spare; a day of 5,000 in one document is ~930 KB. */
    private static final int MAX_DOCUMENT_BYTES = 128 * 1024;

    private final UpdateSizes updates = new UpdateSizes();
    private MongoClient client;
    private MongoDatabase database;
    private ReadModelProjector projector;

    @BeforeEach
    void freshDatabase() {
        EmbeddedStack stack = EmbeddedStack.shared();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(stack.mongoUri())).addCommandListener(updates).build());
        database = client.getDatabase(stack.newDatabaseName("account_audit"));
        projector = new ReadModelProjector(List.of(ReadModel.ACCOUNT_AUDIT), CollectionResolver.live(database));
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aBusyDayIsKeptInBoundedDocumentsAndANewMovementSendsOnlyItself() {
        // given 5,000 movements of one worker on one UTC day: 2,500 tasks, each a fee charged and a reward credited
        EconomyFeed feed = busyDay(2_500);
        List<ProjectedEvent> day = feed.events();
        applyInBatches(day, 500);

        // then no document holds more than a bucket, none is large, and together they hold every movement once
        List<Document> stored = documents();
        assertThat(stored).allSatisfy(document -> {
            assertThat(document.getList("movements", Document.class, List.of())).hasSizeLessThanOrEqualTo(500);
            assertThat(bsonSize(document)).isLessThan(MAX_DOCUMENT_BYTES);
        });
        assertThat(stored.stream().flatMap(d -> d.getList("movements", Document.class, List.of()).stream())
                .map(m -> m.getLong("seq")).sorted().toList())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 5_000).boxed().toList());
        assertThat(sequences(AuditLog.movements(database, WORKER, DAY)))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 5_000).boxed().toList());

        // when one more movement is projected
        feed.created(EconomyFeed.taskId("one-more"), "noop", 3, 5).assigned(EconomyFeed.taskId("one-more"), WORKER);
        List<ProjectedEvent> oneMore = feed.events().subList(day.size(), feed.events().size());
        updates.reset();
        BatchResult result = projector.apply(oneMore);

        // then it is applied, and what went to MongoDB is that movement, not the day (nor its bucket)
        assertThat(result.applied()).isEqualTo(1);
        assertThat(updates.commands()).isPositive();
        assertThat(updates.bytes()).isLessThan(2_048);
    }

    @Test
    void theSameBatchesDeliveredAgainChangeNothing() {
        // given a history across midnight, buckets and a payout, projected in batches
        EconomyFeed feed = acrossMidnight();
        applyInBatches(feed.events(), 97);
        List<Document> before = documents();

        // when every event is delivered again, cut differently
        List<BatchResult> again = applyInBatches(feed.events(), 131);

        // then nothing was applied or written, and the documents are the same
        assertThat(again).allSatisfy(result -> {
            assertThat(result.applied()).isZero();
            assertThat(result.documentsWritten()).isZero();
        });
        assertThat(documents()).isEqualTo(before);
        // bucket 0 spans both days (its sequences up to 499), bucket 1 is on the second day only
        assertThat(before).extracting(d -> d.getString("_id")).containsExactly(
                AccountAuditProjection.dayId(WORKER, "2026-01-30"),
                AccountAuditProjection.bucketId(WORKER, "2026-01-30", 0),
                AccountAuditProjection.dayId(WORKER, "2026-01-31"),
                AccountAuditProjection.bucketId(WORKER, "2026-01-31", 0),
                AccountAuditProjection.bucketId(WORKER, "2026-01-31", 1));
        assertThat(before.get(2).get("buckets", Document.class)).isEqualTo(new Document("0", 18).append("1", 303));
        List<Long> first = sequences(AuditLog.movements(database, WORKER, "2026-01-30"));
        List<Long> second = sequences(AuditLog.movements(database, WORKER, "2026-01-31"));
        assertThat(first).isSorted().hasSize(480).startsWith(1L).endsWith(480L);
        // seq 481 closes the cycle of the 30th (not a movement), 482 pays out its balance
        assertThat(second).isSorted().startsWith(482L, 483L).endsWith(802L).hasSize(321);
        assertThat(AuditLog.movements(database, WORKER, "2026-01-31").get(0).getString("kind")).isEqualTo("payout");
    }

    @Test
    void aBatchRedeliveredAfterItsDayCountsWereLostSetsThemAndAddsNothingTwice() {
        // given a projected history whose day documents were not written (a crash after the bucket writes)
        EconomyFeed feed = acrossMidnight();
        projector.apply(feed.events());
        List<Document> expected = documents();
        database.getCollection(AccountAuditProjection.COLLECTION).deleteMany(Filters.in("_id",
                AccountAuditProjection.dayId(WORKER, "2026-01-30"),
                AccountAuditProjection.dayId(WORKER, "2026-01-31")));

        // when the batch is delivered again
        BatchResult again = projector.apply(feed.events());

        // then the day documents are back with the buckets' counts, and no movement was added again
        assertThat(again.applied()).isZero();
        assertThat(again.documentsWritten()).isEqualTo(2);
        assertThat(documents()).isEqualTo(expected);
    }

    @Test
    void movementsADayDocumentHeldItselfStayThereAndAreNotAddedToABucket() {
        // given a day document as written before buckets existed, holding the day's first four movements
        EconomyFeed feed = busyDay(10);
        List<ProjectedEvent> firstFourEvents = feed.events().stream()
                .filter(event -> Movement.of(event).filter(movement -> movement.seq() <= 4).isPresent()).toList();
        List<Document> firstFour = firstFourEvents.stream().map(Movement::of).flatMap(Optional::stream)
                .map(Movement::toDocument).toList();
        Document beforeBuckets = new Document("_id", AccountAuditProjection.dayId(WORKER, DAY))
                .append("workerId", WORKER).append("accountId", AccountIds.forWorker(WORKER)).append("date", DAY)
                .append("count", 4).append("movements", firstFour);
        database.getCollection(AccountAuditProjection.COLLECTION).insertOne(beforeBuckets);

        // when those four are delivered again
        BatchResult redelivered = projector.apply(firstFourEvents);

        // then nothing is written: the day document holds them
        assertThat(firstFour).hasSize(4);
        assertThat(redelivered.applied()).isZero();
        assertThat(redelivered.documentsWritten()).isZero();
        assertThat(documents()).containsExactly(beforeBuckets);

        // when the whole day is delivered
        BatchResult result = projector.apply(feed.events());

        // then only the other sixteen are added, to a bucket, and the day reads in order with each movement once
        assertThat(result.applied()).isEqualTo(16);
        Document day = documents().get(0);
        assertThat(day.getList("movements", Document.class)).isEqualTo(firstFour);
        assertThat(day.getInteger("count")).isEqualTo(4);
        assertThat(day.get("buckets", Document.class)).isEqualTo(new Document("0", 16));
        assertThat(sequences(AuditLog.movements(database, WORKER, DAY)))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
    }

    /**
     * 400 tasks 15 s apart from 23:00 UTC: 480 movements on the 30th (sequences 1..480), then at 00:05 the cycle
     * close (481) and payout (482) of the 30th and 320 more movements on the 31st (483..802).
     */
    private static EconomyFeed acrossMidnight() {
        EconomyFeed feed = new EconomyFeed().at("2026-01-30T23:00:00Z").worker("busy", "noop");
        for (int i = 0; i < 400; i++) {
            if (i == 240) {
                feed.at("2026-01-31T00:05:00Z").closed("2026-01-30");
            }
            String task = EconomyFeed.taskId("night-" + i);
            feed.created(task, "noop", 3, 5).assigned(task, WORKER).completed(task, Outcome.SUCCESS)
                    .plus(Duration.ofSeconds(15));
        }
        return feed;
    }

    /** One worker's day: {@code tasks} tasks assigned and completed ten seconds apart from 00:00 UTC. */
    private static EconomyFeed busyDay(int tasks) {
        EconomyFeed feed = new EconomyFeed().at(DAY + "T00:00:00Z").worker("busy", "noop");
        for (int i = 0; i < tasks; i++) {
            String task = EconomyFeed.taskId("busy-" + i);
            feed.created(task, "noop", 3, 5).assigned(task, WORKER).completed(task, Outcome.SUCCESS)
                    .plus(Duration.ofSeconds(10));
        }
        return feed;
    }

    private List<BatchResult> applyInBatches(List<ProjectedEvent> events, int size) {
        List<BatchResult> results = new ArrayList<>();
        for (int from = 0; from < events.size(); from += size) {
            results.add(projector.apply(events.subList(from, Math.min(events.size(), from + size))));
        }
        return results;
    }

    private List<Document> documents() {
        return database.getCollection(AccountAuditProjection.COLLECTION).find().sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
    }

    private static List<Long> sequences(List<Document> movements) {
        return movements.stream().map(m -> m.getLong("seq")).toList();
    }

    private static int bsonSize(Document document) {
        return new RawBsonDocument(document, MongoClientSettings.getDefaultCodecRegistry().get(Document.class))
                .getByteBuffer().remaining();
    }
}
