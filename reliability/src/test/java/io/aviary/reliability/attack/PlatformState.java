package io.aviary.reliability.attack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.aviary.infra.EmbeddedStack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * What a request could change: the event store's rows ({@code domainevententry}, read over JDBC) and the document
 * count of every read-model collection (database {@code aviary}). Rejected requests must leave both as they were.
 */
final class PlatformState {

    /** Read models are in this Mongo database (aviary.mongo.database). */
    static final String DATABASE = "aviary";

    /**
     * One reading.
     *
     * @param events    rows of {@code domainevententry}
     * @param documents documents per collection
     */
    record Snapshot(long events, Map<String, Long> documents) {

        /** What differs from {@code before}, or an empty list. */
        List<String> changesSince(Snapshot before) {
            List<String> changes = new ArrayList<>();
            if (events != before.events) {
                changes.add("event store rows " + before.events + " -> " + events);
            }
            TreeMap<String, Long> all = new TreeMap<>(before.documents);
            documents.forEach(all::putIfAbsent);
            all.keySet().forEach(collection -> {
                long was = before.documents.getOrDefault(collection, 0L);
                long now = documents.getOrDefault(collection, 0L);
                if (was != now) {
                    changes.add(collection + " documents " + was + " -> " + now);
                }
            });
            return changes;
        }
    }

    private PlatformState() {
    }

    static Snapshot take() {
        return new Snapshot(eventRows(), documentCounts());
    }

    /**
     * Waits until nothing moves: two readings {@code stable} apart are equal (no task in flight, projections caught
     * up), and answers the last one.
     */
    static Snapshot quiet(Duration stable, Duration atMost) {
        AtomicReference<Snapshot> last = new AtomicReference<>(take());
        return await("a quiet platform (no event appended, no read model changing for " + stable.toSeconds() + " s)")
                .atMost(atMost).pollDelay(stable).pollInterval(stable)
                .until(() -> {
                    Snapshot now = take();
                    return now.equals(last.getAndSet(now)) ? now : null;
                }, snapshot -> snapshot != null);
    }

    static long eventRows() {
        return queryLong("SELECT count(*) FROM domainevententry");
    }

    static long queryLong(String sql) {
        try (Connection connection = jdbc(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static Connection jdbc() throws SQLException {
        EmbeddedStack stack = EmbeddedStack.shared();
        return DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
    }

    static Map<String, Long> documentCounts() {
        try (MongoClient client = MongoClients.create(EmbeddedStack.shared().mongoUri())) {
            MongoDatabase database = client.getDatabase(DATABASE);
            Map<String, Long> counts = new TreeMap<>();
            for (String collection : database.listCollectionNames()) {
                counts.put(collection, database.getCollection(collection).countDocuments());
            }
            return counts;
        }
    }
}
