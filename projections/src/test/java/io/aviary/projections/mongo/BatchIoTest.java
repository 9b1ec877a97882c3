package io.aviary.projections.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.aviary.projections.apply.ReadModelStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document the driver cannot encode (a NUL character in a key, which BSON cannot hold) is left out of its batch
 * instead of failing it on every retry, which stalled a whole partition of the projections (found by the fuzzing of
 * module reliability: a task payload key "\u0000").
 */
class BatchIoTest {

    private static ReadModelStore store;

    @BeforeAll
    static void freshDatabase() {
        store = new ReadModelStore("batchio");
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void a_document_that_cannot_be_encoded_is_left_out_and_the_rest_of_the_batch_is_written() {
        MongoCollection<Document> tasks = store.database().getCollection("tasks");
        Document bad = new Document("_id", "bad").append("payload", new Document(Map.of("a\u0000b", 1)));
        Document good = new Document("_id", "good").append("payload", new Document(Map.of("$where", "x", "a.b", 2)));

        int written = BatchIo.write(tasks, List.of(BatchIo.replace(bad), BatchIo.replace(good)));

        assertThat(written).isEqualTo(1);
        assertThat(tasks.find(Filters.eq("_id", "good")).first()).isEqualTo(good);
        assertThat(tasks.find(Filters.eq("_id", "bad")).first()).isNull();
    }
}
