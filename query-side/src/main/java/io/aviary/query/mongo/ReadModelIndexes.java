package io.aviary.query.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Creates the indexes behind the list filters (creating an existing index is a no-op). They serve real MongoDB;
 * the embedded server ignores non-unique indexes and scans for these filters (see projections/READ_MODELS.md).
 * Lookups by id use {@code _id} and need nothing. A failure only logs: the app still answers, more slowly, and
 * readiness reports MongoDB.
 */
@Component
class ReadModelIndexes implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReadModelIndexes.class);

    private final MongoDatabase database;

    ReadModelIndexes(MongoDatabase database) {
        this.database = database;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            database.getCollection("workers").createIndexes(List.of(
                    new IndexModel(Indexes.ascending("name")),
                    new IndexModel(Indexes.ascending("state", "name")),
                    new IndexModel(Indexes.ascending("taskTypes", "name"))));
            database.getCollection("tasks").createIndexes(List.of(
                    new IndexModel(Indexes.descending("createdAt")),
                    new IndexModel(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("createdAt"))),
                    new IndexModel(Indexes.compoundIndex(Indexes.ascending("type"), Indexes.descending("createdAt"))),
                    new IndexModel(Indexes.compoundIndex(Indexes.ascending("workerId"),
                            Indexes.descending("createdAt")))));
            database.getCollection("areas").createIndexes(List.of(
                    new IndexModel(Indexes.compoundIndex(Indexes.descending("createdAt"), Indexes.ascending("_id"))),
                    new IndexModel(Indexes.compoundIndex(Indexes.ascending("state"), Indexes.descending("createdAt")))));
        } catch (MongoException e) {
            log.warn("Read-model indexes not created (queries still work, by scanning): {}", e.toString());
        }
    }
}
