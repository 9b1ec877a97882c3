package io.aviary.projections.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aviary.events.AviaryEvent;
import io.aviary.events.CloudEventAttributes;
import io.aviary.events.EventCatalog;
import io.aviary.infra.EmbeddedStack;
import io.aviary.projections.apply.ProjectedEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

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

import static org.awaitility.Awaitility.await;

/**
 * Topics of a test's own on the embedded broker (so what a test reads from offset 0 is exactly what it wrote), and
 * events written to them in the command side's wire format: CloudEvents binary mode, key = aggregate id,
 * {@code ce_aviaryseq} = the aggregate sequence.
 */
public final class EventTopics {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private EventTopics() {
    }

    /** Creates a fresh topic and waits until every partition has a leader (an idempotent producer needs that). */
    public static String create(String prefix, int partitions) {
        String topic = prefix + "-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> served(admin, topic, partitions));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic, e);
        }
        return topic;
    }

    private static boolean served(Admin admin, String topic, int partitions) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(topic);
        if (description.partitions().size() != partitions
                || description.partitions().stream().anyMatch(p -> p.leader() == null)) {
            return false;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        return true;
    }

    /** Writes the events in order (one aggregate's events keep their order on its partition). */
    public static void produce(String topic, List<ProjectedEvent> events) {
        try (KafkaProducer<String, CloudEvent> producer = producer()) {
            for (ProjectedEvent event : events) {
                producer.send(record(topic, event));
            }
            producer.flush();
        }
    }

    public static KafkaProducer<String, CloudEvent> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedStack.shared().kafkaBootstrap());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(properties, new StringSerializer(), new CloudEventSerializer());
    }

    /** Binary mode as the command side writes it. */
    public static ProducerRecord<String, CloudEvent> record(String topic, ProjectedEvent projected) {
        AviaryEvent event = projected.event();
        EventCatalog.EventType type = EventCatalog.of(event.getClass());
        try {
            CloudEvent cloudEvent = CloudEventBuilder.v1()
                    .withId(projected.eventId())
                    .withSource(URI.create(CloudEventAttributes.SOURCE))
                    .withType(type.cloudEventType())
                    .withSubject(event.aggregateId())
                    .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                    .withData("application/json", JSON.writeValueAsBytes(event))
                    .withExtension(CloudEventAttributes.AGGREGATE_SEQUENCE, Long.toString(projected.sequence()))
                    .withExtension(CloudEventAttributes.AGGREGATE_TYPE, type.aggregate())
                    .build();
            return new ProducerRecord<>(topic, event.aggregateId(), cloudEvent);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedStack.shared().kafkaBootstrap()));
    }
}
