package io.aviary.command.axon;

import io.aviary.command.support.PostgresEventStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;

/**
 * One transaction appends an event and stays open while other writers append many events fast, then commits. All
 * along, a tracking reader consumes the store the way a tracking processor does: a {@link TrackingEventStream} of an
 * {@link EmbeddedEventStore}, opened from a {@link GapAwareTrackingToken}. Then one more event is appended; once the
 * reader has it, it has had every chance to read the late event (a filled gap is read before anything after it).
 */
final class GapScenario {

    private static final Logger LOG = LoggerFactory.getLogger(GapScenario.class);
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    /**
     * What became of the events appended after the reader's start.
     *
     * @param stored                    how many the store holds
     * @param storedButNeverRead        the ids of those the reader did not get
     * @param lateEvent                 the id of the late transaction's event
     * @param lateIndex                 its global index
     * @param readIndexBeforeLateCommit the highest index the reader had read when the late transaction committed
     */
    record Outcome(int stored, Set<String> storedButNeverRead, String lateEvent, long lateIndex,
                   long readIndexBeforeLateCommit) {
    }

    private final int writers;
    private final int transactionsPerWriter;
    private final int eventsPerTransaction;

    GapScenario(int writers, int transactionsPerWriter, int eventsPerTransaction) {
        this.writers = writers;
        this.transactionsPerWriter = transactionsPerWriter;
        this.eventsPerTransaction = eventsPerTransaction;
    }

    int eventsAppendedMeanwhile() {
        return writers * transactionsPerWriter * eventsPerTransaction;
    }

    /** Runs on a fresh store, with an engine whose gap settings {@code gapSettings} chooses. */
    Outcome run(String name, UnaryOperator<JdbcEventStorageEngine.Builder> gapSettings) throws Exception {
        try (PostgresEventStore store = new PostgresEventStore(name)) {
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(store.dataSource());
            JdbcEventStorageEngine engine = gapSettings.apply(JdbcEventStorageEngine.builder()
                    .connectionProvider(new SpringDataSourceConnectionProvider(store.dataSource()))
                    .transactionManager(new SpringTransactionManager(transactions))
                    .eventSerializer(store.serializer())
                    .snapshotSerializer(store.serializer())).build();
            engine.appendEvents(event());
            EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
            ExecutorService threads = Executors.newFixedThreadPool(writers + 2);
            GapAwareTrackingToken head = (GapAwareTrackingToken) engine.createHeadToken();
            try (Reader reader = new Reader(eventStore.openStream(head))) {
                threads.execute(reader);
                return run(store, engine, transactions, reader, threads, head.getIndex());
            } finally {
                threads.shutdownNow();
                eventStore.shutDown();
            }
        }
    }

    private Outcome run(PostgresEventStore store, JdbcEventStorageEngine engine,
                        DataSourceTransactionManager transactions, Reader reader, ExecutorService threads,
                        long headIndex) throws Exception {
        // the late transaction appends its event and waits (this test is about gaps, not the commit guard, so its
        // bound is lifted: a loaded machine may take longer than 10 s for the rest)
        DomainEventMessage<?> late = event();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> lateTransaction = CompletableFuture.runAsync(
                () -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                    new JdbcTemplate(store.dataSource())
                            .execute("SET LOCAL " + EventStoreConfiguration.BOUND_SETTING + " = 600000");
                    engine.appendEvents(late);
                    appended.countDown();
                    awaitQuietly(commit);
                }), threads);
        awaitQuietly(appended);

        // meanwhile the others append, a batch per transaction, as fast as they can
        Set<String> meanwhile = appendMeanwhile(engine, threads);

        // the reader reads all of them, then the late transaction commits
        await().atMost(PATIENCE).until(() -> reader.read.containsAll(meanwhile));
        long readIndex = reader.highestIndex.get();
        commit.countDown();
        lateTransaction.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

        // and once the reader has an event appended after that commit, it has read all it ever will before it
        DomainEventMessage<?> last = event();
        engine.appendEvents(last);
        await().atMost(PATIENCE).until(() -> reader.read.contains(last.getIdentifier()));

        JdbcTemplate jdbc = new JdbcTemplate(store.dataSource());
        long lateIndex = jdbc.queryForObject("SELECT globalIndex FROM domainevententry WHERE eventIdentifier = ?",
                Long.class, late.getIdentifier());
        LOG.info("late event at index {}; the reader had read up to index {} before it committed; read it: {}",
                lateIndex, readIndex, reader.read.contains(late.getIdentifier()));
        Set<String> unread = new HashSet<>(jdbc.queryForList(
                "SELECT eventIdentifier FROM domainevententry WHERE globalIndex > ?", String.class, headIndex));
        int stored = unread.size();
        unread.removeAll(reader.read);
        return new Outcome(stored, unread, late.getIdentifier(), lateIndex, readIndex);
    }

    /** Appends {@link #eventsAppendedMeanwhile()} events from {@code writers} threads, logging the rate; their ids. */
    private Set<String> appendMeanwhile(JdbcEventStorageEngine engine, ExecutorService threads) throws Exception {
        List<List<DomainEventMessage<?>>> batches = new ArrayList<>();
        for (int i = 0; i < writers * transactionsPerWriter; i++) {
            batches.add(batch());
        }
        long began = System.nanoTime();
        List<CompletableFuture<Void>> writing = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<List<DomainEventMessage<?>>> own = batches.subList(w * transactionsPerWriter,
                    (w + 1) * transactionsPerWriter);
            writing.add(CompletableFuture.runAsync(() -> own.forEach(engine::appendEvents), threads));
        }
        CompletableFuture.allOf(writing.toArray(CompletableFuture[]::new)).get(PATIENCE.toMillis(),
                TimeUnit.MILLISECONDS);
        double seconds = (System.nanoTime() - began) / 1e9;
        LOG.info("appended {} events ({} writers x {} transactions of {}) in {} s: {} events/s, one transaction open",
                eventsAppendedMeanwhile(), writers, transactionsPerWriter, eventsPerTransaction,
                String.format("%.2f", seconds), Math.round(eventsAppendedMeanwhile() / seconds));
        Set<String> ids = new HashSet<>();
        batches.forEach(batch -> batch.forEach(event -> ids.add(event.getIdentifier())));
        return ids;
    }

    private List<DomainEventMessage<?>> batch() {
        String aggregate = "probe-" + UUID.randomUUID();
        List<DomainEventMessage<?>> batch = new ArrayList<>(eventsPerTransaction);
        for (int sequence = 0; sequence < eventsPerTransaction; sequence++) {
            batch.add(new GenericDomainEventMessage<>("Probe", aggregate, sequence, "probe " + sequence));
        }
        return batch;
    }

    private static DomainEventMessage<?> event() {
        return new GenericDomainEventMessage<>("Probe", "probe-" + UUID.randomUUID(), 0, "probe");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("gave up waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads the stream until closed, as a tracking processor's event loop does, keeping ids and the last index. */
    private static final class Reader implements Runnable, AutoCloseable {

        private final TrackingEventStream stream;
        private final Set<String> read = ConcurrentHashMap.newKeySet();
        private final AtomicLong highestIndex = new AtomicLong(-1);
        private volatile boolean closed;

        Reader(TrackingEventStream stream) {
            this.stream = stream;
        }

        @Override
        public void run() {
            try {
                while (!closed) {
                    if (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                        TrackedEventMessage<?> event = stream.nextAvailable();
                        read.add(event.getIdentifier());
                        highestIndex.accumulateAndGet(
                                ((GapAwareTrackingToken) event.trackingToken()).getIndex(), Math::max);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            closed = true;
            stream.close();
        }
    }
}
