package io.aviary.projections.apply;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.aviary.infra.EmbeddedStack;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fresh database on the embedded (or configured) MongoDB, read back through the official driver. */
public final class ReadModelStore implements AutoCloseable {

    private final MongoClient client;
    private final MongoDatabase database;

    public ReadModelStore(String prefix) {
        EmbeddedStack stack = EmbeddedStack.shared();
        this.client = MongoClients.create(stack.mongoUri());
        this.database = client.getDatabase(stack.newDatabaseName(prefix));
    }

    public MongoDatabase database() {
        return database;
    }

    public Document task(String taskId) {
        return byId("tasks", taskId);
    }

    public Document worker(String workerId) {
        return byId("workers", workerId);
    }

    public Document queue(String workerId) {
        return byId("worker_queues", workerId);
    }

    Document byId(String collection, String id) {
        return database.getCollection(collection).find(Filters.eq("_id", id)).first();
    }

    /** Every document of every collection, sorted by name and id: what "nothing changed" is compared on. */
    public Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> all = new LinkedHashMap<>();
        for (String collection : database.listCollectionNames().into(new ArrayList<>()).stream().sorted().toList()) {
            all.put(collection, documents(collection));
        }
        return all;
    }

    /** Every document of one collection, sorted by id. */
    public List<Document> documents(String collection) {
        return database.getCollection(collection).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    /** One document by id, or null. */
    public Document document(String collection, String id) {
        return byId(collection, id);
    }

    @Override
    public void close() {
        client.close();
    }
}
