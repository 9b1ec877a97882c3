package io.aviary.projections.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.BSONException;
import org.bson.Document;
import org.bson.codecs.configuration.CodecConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two round trips every projection makes per batch and collection: one {@code $in} read by {@code _id}, one
 * unordered bulk write of upserts filtered by {@code _id} alone (mongo-java-server scans the collection for any
 * other write filter, see DESIGN §3).
 */
public final class BatchIo {

    private static final Logger log = LoggerFactory.getLogger(BatchIo.class);
    private static final int DUPLICATE_KEY = 11000;
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private BatchIo() {
    }

    /** The current documents of these ids (absent ids are simply missing from the map). */
    public static Map<String, Document> loadById(MongoCollection<Document> collection, Collection<String> ids) {
        return loadById(collection, ids, null);
    }

    /** As {@link #loadById(MongoCollection, Collection)}, only the fields of {@code projection} (null: all). */
    public static Map<String, Document> loadById(MongoCollection<Document> collection, Collection<String> ids,
                                                 org.bson.conversions.Bson projection) {
        Map<String, Document> documents = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return documents;
        }
        List<String> distinct = ids.stream().distinct().toList();
        // the whole answer in the first batch: no getMore round trip (MongoDB's first batch is 101 documents)
        for (Document document : collection.find(Filters.in("_id", distinct)).projection(projection)
                .batchSize(distinct.size())) {
            documents.put(document.getString("_id"), document);
        }
        return documents;
    }

    /** An upsert replacing the whole document, filtered by {@code _id} only. */
    public static WriteModel<Document> replace(Document document) {
        return new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document, UPSERT);
    }

    /**
     * One unordered bulk write. A document the server rejects for its content, or that the driver cannot even encode
     * as BSON (a NUL character in a key), would fail on every retry: it is logged and left out, so it cannot block
     * the partition. A duplicate key on upsert means another writer created the document concurrently and is worth
     * a retry of the batch, as are connection failures (thrown).
     *
     * @return documents written
     */
    public static int write(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (writes.isEmpty()) {
            return 0;
        }
        try {
            return bulk(collection, writes);
        } catch (BSONException | CodecConfigurationException unencodable) {
            // Thrown by the driver before anything was sent: write one by one, leaving out what cannot be encoded.
            return writeEach(collection, writes);
        }
    }

    private static int bulk(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        try {
            collection.bulkWrite(writes, UNORDERED);
            return writes.size();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null
                    || e.getWriteErrors().stream().anyMatch(error -> error.getCode() == DUPLICATE_KEY)) {
                throw e;
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                log.error("MongoDB rejected a {} document, left out: {} (code {}) - {}", collection.getNamespace(),
                        error.getMessage(), error.getCode(), writes.get(error.getIndex()));
            }
            return writes.size() - e.getWriteErrors().size();
        }
    }

    private static int writeEach(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        int written = 0;
        for (WriteModel<Document> write : writes) {
            try {
                written += bulk(collection, List.of(write));
            } catch (BSONException | CodecConfigurationException e) {
                log.error("A {} document cannot be encoded as BSON, left out: {} - {}", collection.getNamespace(),
                        e.getMessage(), write);
            }
        }
        return written;
    }
}
