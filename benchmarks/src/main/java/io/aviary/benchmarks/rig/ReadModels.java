package io.aviary.benchmarks.rig;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The read models, straight through the official driver (observing them must not go through the apps). */
public final class ReadModels implements AutoCloseable {

    private final MongoClient client;
    private final MongoDatabase database;

    public ReadModels(String uri, String databaseName) {
        this.client = MongoClients.create(uri);
        this.database = client.getDatabase(databaseName);
    }

    public MongoDatabase database() {
        return database;
    }

    /** Another database of the same server (the raw baseline writes there, away from the read models). */
    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    public MongoCollection<Document> tasks() {
        return database.getCollection("tasks");
    }

    /** Documents of {@code tasks} with that status (a scan on mongo-java-server: call it rarely). */
    public long countTasks(String status) {
        return tasks().countDocuments(Filters.eq("status", status));
    }

    /** Status and applied sequence of a task document. */
    public record TaskState(String status, long seq) {
    }

    /**
     * Ids per {@code $in} query. mongo-java-server finds the candidates of {@code {_id: {$in: [...]}}} through its
     * {@code _id} index but then checks each against the whole list, so a query costs more than linearly in the
     * list's length (measured here: 100 ids 2.4 ms, 500 ids 20-50 ms, 2,000 ids 100-140 ms): observers ask in
     * chunks of 100.
     */
    static final int IN_CHUNK = 100;

    /** The current status and sequence of these tasks (by {@code _id}: index lookups); absent ones are missing. */
    public Map<String, TaskState> taskStates(Collection<String> ids) {
        Map<String, TaskState> states = new HashMap<>(ids.size() * 2);
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            for (Document d : tasks().find(Filters.in("_id", chunk))
                    .projection(Projections.include("status", "seq"))) {
                Object seq = d.get("seq");
                states.put(d.getString("_id"), new TaskState(d.getString("status"),
                        seq instanceof Number n ? n.longValue() : -1));
            }
        }
        return states;
    }

    /** Whole task documents (with their timelines). */
    public List<Document> taskDocuments(List<String> ids) {
        List<Document> documents = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            tasks().find(Filters.in("_id", chunk)).into(documents);
        }
        return documents;
    }

    @Override
    public void close() {
        client.close();
    }
}
