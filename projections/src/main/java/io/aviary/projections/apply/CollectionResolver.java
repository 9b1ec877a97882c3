package io.aviary.projections.apply;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * Maps a read model's logical collection name ({@code accounts}) to the physical collection a projection writes:
 * the live one, or a fresh {@code accounts__rebuild_<n>} during a rebuild.
 */
@FunctionalInterface
public interface CollectionResolver {

    MongoCollection<Document> collection(String logicalName);

    /** The live collections: physical name = logical name. */
    static CollectionResolver live(MongoDatabase database) {
        return database::getCollection;
    }
}
