package io.aviary.projections.rebuild;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.RenameCollectionOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts a rebuilt collection in place of the live one: the live collection's secondary indexes (created by
 * query-side at its start) are created on the rebuilt one first, then {@code renameCollection} with
 * {@code dropTarget} replaces the live collection. On MongoDB that rename is one atomic step; mongo-java-server
 * drops the target and then moves the source, so for an instant a reader there finds the collection empty.
 */
final class CollectionSwap {

    private static final Logger log = LoggerFactory.getLogger(CollectionSwap.class);
    private static final String ID_INDEX = "_id_";

    private CollectionSwap() {
    }

    static void swapIn(MongoDatabase database, String rebuilt, String live) {
        copyIndexes(database.getCollection(live), database.getCollection(rebuilt));
        database.getCollection(rebuilt).renameCollection(new MongoNamespace(database.getName(), live),
                new RenameCollectionOptions().dropTarget(true));
    }

    /** A fresh, empty collection (dropping a leftover of a failed run first). */
    static void createEmpty(MongoDatabase database, String name) {
        if (exists(database, name)) {
            database.getCollection(name).drop();
        }
        database.createCollection(name);
    }

    static void dropQuietly(MongoDatabase database, String name) {
        try {
            if (exists(database, name)) {
                database.getCollection(name).drop();
            }
        } catch (RuntimeException e) {
            log.warn("Could not drop {}: {}", name, e.toString());
        }
    }

    /** Asked first: mongo-java-server logs an error for every drop of a collection that does not exist. */
    private static boolean exists(MongoDatabase database, String name) {
        return database.listCollectionNames().into(new ArrayList<>()).contains(name);
    }

    private static void copyIndexes(MongoCollection<Document> from, MongoCollection<Document> to) {
        List<Document> indexes = from.listIndexes().into(new ArrayList<>());
        for (Document index : indexes) {
            String name = index.getString("name");
            if (ID_INDEX.equals(name)) {
                continue;
            }
            IndexOptions options = new IndexOptions().name(name)
                    .unique(Boolean.TRUE.equals(index.getBoolean("unique")))
                    .sparse(Boolean.TRUE.equals(index.getBoolean("sparse")));
            to.createIndex(index.get("key", Document.class), options);
        }
    }
}
