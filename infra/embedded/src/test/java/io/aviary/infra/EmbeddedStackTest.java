package io.aviary.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.aviary.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(EmbeddedStackExtension.class)
class EmbeddedStackTest {

    private final EmbeddedStack stack;

    EmbeddedStackTest(EmbeddedStack stack) {
        this.stack = stack;
    }

    @Test
    void theSharedStackIsStartedOncePerJvm() {
        assertThat(EmbeddedStack.shared()).isSameAs(stack);
        assertThat(stack.embeddedServers()).containsExactlyInAnyOrder(EmbeddedStack.Server.values());
    }

    @Test
    void postgresqlAcceptsAConnectionAndAWrite() throws Exception {
        // given a connection to the "aviary" database
        try (Connection connection = DriverManager.getConnection(
                stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
             Statement statement = connection.createStatement()) {
            String table = stack.newDatabaseName("pg_write");
            statement.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, name text)");

            // when a row is written
            statement.executeUpdate("INSERT INTO " + table + " VALUES (1, 'sparrow')");

            // then it reads back, in the database the stack promised
            try (ResultSet rows = statement.executeQuery("SELECT name, current_database() FROM " + table)) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("sparrow");
                assertThat(rows.getString(2)).isEqualTo("aviary");
            }
        }
    }

    @Test
    void anIdempotentProducerWritesToTheEventTopicAndAConsumerReadsItBack() throws Exception {
        // given an idempotent producer writing one record with a fresh key
        String key = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(stack.kafkaBootstrap()))) {
            producer.send(new ProducerRecord<>(Topics.EVENTS, key, "{\"hello\":\"world\"}")).get(30, TimeUnit.SECONDS);
        }

        // when a consumer group reads the topic from the beginning
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(stack.kafkaBootstrap()))) {
            consumer.subscribe(List.of(Topics.EVENTS));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();

            // then it sees the record
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                assertThat(seen).anySatisfy(record -> {
                    assertThat(record.key()).isEqualTo(key);
                    assertThat(record.value()).isEqualTo("{\"hello\":\"world\"}");
                });
            });
        }
    }

    @Test
    void bothTopicsExistWithThePlatformsSettings() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            // when the topics are described
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.EVENTS, Topics.WORKER_LIVENESS))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            ConfigResource liveness = new ConfigResource(ConfigResource.Type.TOPIC, Topics.WORKER_LIVENESS);
            ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, Topics.EVENTS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(liveness, events))
                    .all().get(30, TimeUnit.SECONDS);

            // then liveness is compacted, events are kept forever, and every partition has a leader
            assertThat(configs.get(liveness).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(configs.get(events).get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
            assertThat(topics.get(Topics.EVENTS).partitions()).hasSize(EmbeddedStackOptions.DEFAULT_PARTITIONS);
            assertThat(topics.get(Topics.WORKER_LIVENESS).partitions()).hasSize(KafkaTopics.LIVENESS_PARTITIONS);
            assertThat(topics.values()).allSatisfy(topic ->
                    assertThat(topic.partitions()).allSatisfy(partition -> assertThat(partition.leader()).isNotNull()));
        }
    }

    @Test
    void theOfficialMongoDriverInsertsAndFindsADocument() {
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            // given a fresh database
            MongoCollection<Document> workers = client.getDatabase(stack.newDatabaseName("mongo"))
                    .getCollection("workers");

            // when a document is inserted
            workers.insertOne(new Document("_id", "w-1").append("name", "finch"));

            // then it is found by id
            assertThat(workers.find(eq("_id", "w-1")).first()).containsEntry("name", "finch");
        }
    }

    @Test
    void newDatabaseNamesAreUniqueAndUsableAsIdentifiers() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            names.add(stack.newDatabaseName("Task-History.Test"));
        }

        assertThat(names).hasSize(100);
        assertThat(names).allSatisfy(name -> assertThat(name).matches("task_history_test_[0-9]+_[0-9a-z]+"));
        assertThat(stack.newDatabaseName("9lives")).startsWith("db_9lives_");
    }

    static Map<String, Object> producerConfig(String bootstrap) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    }

    static Map<String, Object> consumerConfig(String bootstrap) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    }
}
