package io.aviary.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.aviary.events.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.aviary.infra.EmbeddedStackTest.consumerConfig;
import static io.aviary.infra.EmbeddedStackTest.producerConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DataDirectoryTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aDurableStackWithADataDirectoryKeepsRowsRecordsAndDocumentsAcrossRestarts() throws Exception {
        // given a durable stack on a data directory, with a row, a record and a document written
        EmbeddedStackOptions options = EmbeddedStackOptions.forTests().withDurable(true).withDataDirectory(dataDirectory);
        Map<String, String> noExternalServers = Map.of();
        RecordMetadata written;
        try (EmbeddedStack first = EmbeddedStack.start(options, noExternalServers::get)) {
            execute(first, "CREATE TABLE ledger (id int PRIMARY KEY)", "INSERT INTO ledger VALUES (42)");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(first.kafkaBootstrap()))) {
                written = producer.send(new ProducerRecord<>(Topics.EVENTS, "worker-1", "kept"))
                        .get(30, TimeUnit.SECONDS);
            }
            try (MongoClient mongo = MongoClients.create(first.mongoUri())) {
                mongo.getDatabase("aviary").getCollection("tasks").insertOne(new Document("_id", "task-1").append("v", 3));
            }
        }

        // when it starts again on the same directory
        try (EmbeddedStack second = EmbeddedStack.start(options, noExternalServers::get)) {

            // then the row, the record and the document are still there, and commits are synced
            assertThat(query(second, "SELECT id FROM ledger")).isEqualTo("42");
            assertThat(query(second, "SHOW fsync")).isEqualTo("on");
            assertThat(query(second, "SHOW synchronous_commit")).isEqualTo("on");
            assertThat(readFrom(second.kafkaBootstrap(), written)).isEqualTo("kept");
            try (MongoClient mongo = MongoClients.create(second.mongoUri())) {
                Document kept = mongo.getDatabase("aviary").getCollection("tasks").find(new Document("_id", "task-1")).first();
                assertThat(kept).isNotNull();
                assertThat(kept.getInteger("v")).isEqualTo(3);
            }
        }
        assertThat(dataDirectory.resolve("mongo").resolve(MongoWireServer.STORE_FILE)).isRegularFile();
    }

    @Test
    void theTestStackTradesDurabilityForSpeed() throws Exception {
        EmbeddedStack shared = EmbeddedStack.shared();

        assertThat(query(shared, "SHOW fsync")).isEqualTo("off");
        assertThat(query(shared, "SHOW synchronous_commit")).isEqualTo("off");
    }

    private static String readFrom(String bootstrap, RecordMetadata written) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(bootstrap))) {
            TopicPartition partition = new TopicPartition(written.topic(), written.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset());
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return !values.isEmpty();
            });
            return values.get(0);
        }
    }

    private static void execute(EmbeddedStack stack, String... statements) throws SQLException {
        try (Connection connection = connect(stack); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String query(EmbeddedStack stack, String sql) throws SQLException {
        try (Connection connection = connect(stack);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static Connection connect(EmbeddedStack stack) throws SQLException {
        return DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
    }
}
