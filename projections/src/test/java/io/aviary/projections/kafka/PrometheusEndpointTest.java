package io.aviary.projections.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.events.CloudEventAttributes;
import io.aviary.events.EventCatalog;
import io.aviary.events.Topics;
import io.aviary.infra.EmbeddedStack;
import io.aviary.projections.apply.EventFeed;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.apply.ReadModelStore;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.aviary.projections.apply.EventFeed.newWorkerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/prometheus} of the running app, read without a token as Prometheus does: after an event is
 * projected it shows the projection meters, and the Kafka consumer's meters (spring-kafka's Micrometer listener).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // tests disable metrics export by default
class PrometheusEndpointTest {

    private static final ReadModelStore store = new ReadModelStore("projections_prometheus");

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
        registry.add("spring.kafka.consumer.group-id", () -> "aviary-projections-prometheus-" + UUID.randomUUID());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void theScrapeIsOpenAndShowsTheProjectionAndKafkaConsumerMeters() throws Exception {
        // given a worker registration on the topic
        String worker = newWorkerId();
        ProjectedEvent registered = new EventFeed().registered(worker, "scrape-" + worker, "noop").events().get(0);
        try (KafkaProducer<String, CloudEvent> producer = producer()) {
            producer.send(record(registered)).get();
        }

        // when it has been projected
        await().atMost(Duration.ofSeconds(60)).until(() -> store.worker(worker) != null);

        // then the scrape, without a token, has the projection's meters and the consumer's
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ResponseEntity<String> scrape = http.getForEntity("/actuator/prometheus", String.class);
            assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(scrape.getBody())
                    .containsPattern("(?m)^aviary_projection_events_total\\{application=\"aviary-projections\"} [1-9]")
                    .containsPattern("aviary_projection_lag_seconds_bucket\\{[^}]*le=\"0.1\"}")
                    .contains("aviary_projection_lag_seconds_count")
                    .contains("kafka_consumer_fetch_manager_records_consumed_total");
        });
        assertThat(http.getForEntity("/actuator/metrics", String.class).getStatusCode())
                .as("the other actuator endpoints stay for admins").isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private ProducerRecord<String, CloudEvent> record(ProjectedEvent projected) throws Exception {
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(projected.eventId())
                .withSource(URI.create(CloudEventAttributes.SOURCE))
                .withType(EventCatalog.of(projected.event().getClass()).cloudEventType())
                .withSubject(projected.event().aggregateId())
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withData("application/json", objectMapper.writeValueAsBytes(projected.event()))
                .withExtension(CloudEventAttributes.AGGREGATE_SEQUENCE, Long.toString(projected.sequence()))
                .withExtension(CloudEventAttributes.AGGREGATE_TYPE, "worker")
                .build();
        return new ProducerRecord<>(Topics.EVENTS, projected.event().aggregateId(), cloudEvent);
    }

    private static KafkaProducer<String, CloudEvent> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedStack.shared().kafkaBootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new CloudEventSerializer());
    }
}
