package io.aviary.reliability;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The MongoDB read models, read through the official driver: whole databases as snapshots (collection -> _id ->
 * document) to compare document by document, and task statuses to compare with the event store.
 */
public final class ReadModels implements AutoCloseable {

    /** The database the platform's projections write (projections' default). */
    public static final String LIVE_DATABASE = "aviary";

    private final MongoClient client;

    public ReadModels(String uri) {
        this.client = MongoClients.create(uri);
    }

    /** Every collection of {@code database} except rebuild scratch copies, each as _id -> document. */
    public Snapshot snapshot(String database) {
        MongoDatabase db = client.getDatabase(database);
        Map<String, Map<String, Document>> collections = new TreeMap<>();
        for (String name : db.listCollectionNames()) {
            if (name.contains("__rebuild_") || name.startsWith("system.")) {
                continue;
            }
            Map<String, Document> documents = new TreeMap<>();
            for (Document document : db.getCollection(name).find()) {
                documents.put(String.valueOf(document.get("_id")), document);
            }
            collections.put(name, documents);
        }
        return new Snapshot(database, collections);
    }

    /** The {@code status} of each task document that exists ({@code tasks} collection of the live database). */
    public Map<String, String> taskStatuses(Collection<String> taskIds) {
        Map<String, String> statuses = new HashMap<>();
        List<String> ids = new ArrayList<>(taskIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            for (Document task : client.getDatabase(LIVE_DATABASE).getCollection("tasks")
                    .find(Filters.in("_id", chunk))) {
                statuses.put(task.getString("_id"), task.getString("status"));
            }
        }
        return statuses;
    }

    public void drop(String database) {
        client.getDatabase(database).drop();
    }

    @Override
    public void close() {
        client.close();
    }

    /** A database's read models at one moment. */
    public record Snapshot(String database, Map<String, Map<String, Document>> collections) {

        public int documents() {
            return collections.values().stream().mapToInt(Map::size).sum();
        }

        /** Per collection, its document count, e.g. {@code {tasks=120, workers=3}}. */
        public Map<String, Integer> counts() {
            Map<String, Integer> counts = new TreeMap<>();
            collections.forEach((name, docs) -> counts.put(name, docs.size()));
            return counts;
        }

        public Snapshot only(Collection<String> names) {
            Map<String, Map<String, Document>> kept = new TreeMap<>();
            names.forEach(name -> kept.put(name, collections.getOrDefault(name, Map.of())));
            return new Snapshot(database, kept);
        }

        /**
         * Every difference from {@code other}, collection by collection and document by document (a field order
         * does not matter, a list order does): missing or extra documents, unequal ones. Empty when the two are
         * identical.
         */
        public List<String> differencesFrom(Snapshot other) {
            List<String> differences = new ArrayList<>();
            Set<String> names = new TreeSet<>(collections.keySet());
            names.addAll(other.collections.keySet());
            for (String name : names) {
                // A collection that does not exist holds no documents (an index may create an empty one).
                Map<String, Document> mine = collections.getOrDefault(name, Map.of());
                Map<String, Document> theirs = other.collections.getOrDefault(name, Map.of());
                Set<String> ids = new TreeSet<>(mine.keySet());
                ids.addAll(theirs.keySet());
                for (String id : ids) {
                    Document a = mine.get(id);
                    Document b = theirs.get(id);
                    if (a == null || b == null) {
                        differences.add(name + "/" + id + ": only in " + (a == null ? other.database : database));
                    } else if (!a.equals(b)) {
                        differences.add(name + "/" + id + ":\n  " + database + ": " + a.toJson() + "\n  "
                                + other.database + ": " + b.toJson());
                    }
                }
            }
            return differences;
        }
    }
}
