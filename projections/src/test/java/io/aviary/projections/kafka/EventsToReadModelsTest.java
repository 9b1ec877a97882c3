package io.aviary.projections.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.events.CloudEventAttributes;
import io.aviary.events.EventCatalog;
import io.aviary.events.Topics;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskEvent;
import io.aviary.infra.EmbeddedStack;
import io.aviary.projections.apply.EventFeed;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.apply.ReadModelStore;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.aviary.projections.apply.EventFeed.newTaskId;
import static io.aviary.projections.apply.EventFeed.newWorkerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole app against the real embedded Kafka broker and MongoDB wire server: CloudEvents in the wire format go
 * in, documents come out; the same records produced again change nothing; unreadable records do not block.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventsToReadModelsTest {

    private static final String GROUP = "aviary-projections-test-" + UUID.randomUUID();
    private static final ReadModelStore store = new ReadModelStore("projections_app");

    @Autowired
    private ObjectMapper objectMapper;

    @Autowired
    private TestRestTemplate http;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        EmbeddedStack stack = EmbeddedStack.shared();
        registry.add("spring.kafka.bootstrap-servers", stack::kafkaBootstrap);
        registry.add("spring.data.mongodb.uri", stack::mongoUri);
        registry.add("aviary.mongo.database", () -> store.database().getName());
        registry.add("spring.kafka.consumer.group-id", () -> GROUP);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void eventsOnTheTopicBecomeDocumentsOnceEvenWhenProducedTwice() throws Exception {
        // given a worker that runs a task which fails once, plus records the projection cannot use
        String worker = newWorkerId();
        String task = newTaskId();
        EventFeed feed = new EventFeed()
                .registered(worker, "kafka-worker-" + worker, "fail")
                .created(task, "fail", 3)
                .assigned(task, "fail", 1, worker)
                .started(task, "fail", 1, worker)
                .completed(task, "fail", 1, worker, Outcome.FAILURE)
                .retryScheduled(task, "fail", 1, 1)
                .assigned(task, "fail", 2, worker)
                .started(task, "fail", 2, worker)
                .completed(task, "fail", 2, worker, Outcome.SUCCESS);

        // when
        try (KafkaProducer<String, byte[]> raw = rawProducer();
             KafkaProducer<String, CloudEvent> producer = cloudEventProducer()) {
            raw.send(new ProducerRecord<>(Topics.EVENTS, task, "not a cloud event".getBytes())).get();
            producer.send(unknownType(task)).get();
            produce(producer, feed.events());
        }

        // then
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Document doc = store.task(task);
            assertThat(doc).isNotNull();
            assertThat(doc.getString("status")).isEqualTo("COMPLETED");
        });
        Document taskDoc = store.task(task);
        assertThat(taskDoc.getInteger("attempt")).isEqualTo(2);
        assertThat(taskDoc.getList("timeline", Document.class)).hasSize(8);
        assertThat(store.worker(worker).getString("state")).isEqualTo("AVAILABLE");
        assertThat(store.worker(worker).get("lastOutcomes", Document.class).get("fail", Document.class)
                .getString("taskId")).isEqualTo(task);
        assertThat(store.queue(worker).getList("history", Document.class)).hasSize(2);
        awaitNoLag();
        Map<String, List<Document>> before = store.snapshot();

        // when the same records are produced again (a producer retry, a replay)
        try (KafkaProducer<String, CloudEvent> producer = cloudEventProducer()) {
            produce(producer, feed.events());
        }
        awaitNoLag();

        // then
        assertThat(store.snapshot()).isEqualTo(before);
    }

    @Test
    void readinessIsUpWithMongoAndKafka() {
        ResponseEntity<String> readiness = http.getForEntity("/actuator/health/readiness", String.class);
        ResponseEntity<String> liveness = http.getForEntity("/actuator/health/liveness", String.class);

        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readiness.getBody()).contains("\"mongo\":{\"status\":\"UP\"", "\"kafka\":{\"status\":\"UP\"");
        assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void unknownPathIsAProblem() {
        ResponseEntity<String> response = http.getForEntity("/api/v1/nothing-here", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private void produce(KafkaProducer<String, CloudEvent> producer, List<ProjectedEvent> events) throws Exception {
        for (ProjectedEvent event : events) {
            producer.send(record(event)).get();
        }
    }

    /** Binary mode as the command side writes it: key = aggregate id, {@code ce_*} headers, JSON data. */
    private ProducerRecord<String, CloudEvent> record(ProjectedEvent projected) throws Exception {
        var type = EventCatalog.of(projected.event().getClass());
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(projected.eventId())
                .withSource(URI.create(CloudEventAttributes.SOURCE))
                .withType(type.cloudEventType())
                .withSubject(projected.event().aggregateId())
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withData("application/json", objectMapper.writeValueAsBytes(projected.event()))
                .withExtension(CloudEventAttributes.AGGREGATE_SEQUENCE, Long.toString(projected.sequence()))
                .withExtension(CloudEventAttributes.AGGREGATE_TYPE,
                        projected.event() instanceof TaskEvent ? "task" : "worker")
                .build();
        return new ProducerRecord<>(Topics.EVENTS, projected.event().aggregateId(), cloudEvent);
    }

    private static ProducerRecord<String, CloudEvent> unknownType(String key) {
        return new ProducerRecord<>(Topics.EVENTS, key, CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create(CloudEventAttributes.SOURCE))
                .withType("io.aviary.task.TaskFromTheFuture.v9")
                .withData("application/json", "{}".getBytes())
                .withExtension(CloudEventAttributes.AGGREGATE_SEQUENCE, "0")
                .build());
    }

    private static KafkaProducer<String, CloudEvent> cloudEventProducer() {
        return new KafkaProducer<>(producerProperties(), new StringSerializer(), new CloudEventSerializer());
    }

    private static KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(producerProperties(), new StringSerializer(), new ByteArraySerializer());
    }

    private static Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedStack.shared().kafkaBootstrap());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return properties;
    }

    /** Waits until the projection's group has committed every record of the topic. */
    private static void awaitNoLag() {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedStack.shared().kafkaBootstrap());
        try (AdminClient admin = AdminClient.create(config)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> lag(admin) == 0);
        }
    }

    private static long lag(AdminClient admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        int partitions = admin.describeTopics(List.of(Topics.EVENTS)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(Topics.EVENTS).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(Topics.EVENTS, p), OffsetSpec.latest());
        }
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }
}
