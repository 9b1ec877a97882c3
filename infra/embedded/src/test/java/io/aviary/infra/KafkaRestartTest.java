package io.aviary.infra;

import io.aviary.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.aviary.infra.EmbeddedStack.MONGODB_URI_ENV;
import static io.aviary.infra.EmbeddedStack.POSTGRES_URL_ENV;
import static io.aviary.infra.EmbeddedStackTest.consumerConfig;
import static io.aviary.infra.EmbeddedStackTest.producerConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaRestartTest {

    @Test
    void aRestartedBrokerKeepsItsPortAndItsRecords() throws Exception {
        // given a stack of its own for Kafka only (PostgreSQL and Mongo borrowed from the shared stack)
        EmbeddedStack shared = EmbeddedStack.shared();
        Map<String, String> env = Map.of(POSTGRES_URL_ENV, shared.postgresJdbcUrl(), MONGODB_URI_ENV, shared.mongoUri());
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStackOptions.forTests(), env::get)) {
            String bootstrap = stack.kafkaBootstrap();
            RecordMetadata written;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrap))) {
                written = producer.send(new ProducerRecord<>(Topics.EVENTS, "task-1", "before restart"))
                        .get(30, TimeUnit.SECONDS);
            }

            // when the broker stops and starts again
            stack.stopKafka();
            stack.startKafka();

            // then the same address serves the record written before, and takes new ones
            assertThat(stack.kafkaBootstrap()).isEqualTo(bootstrap);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrap))) {
                producer.send(new ProducerRecord<>(Topics.EVENTS, "task-1", "after restart")).get(30, TimeUnit.SECONDS);
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(bootstrap))) {
                TopicPartition partition = new TopicPartition(written.topic(), written.partition());
                consumer.assign(List.of(partition));
                consumer.seek(partition, written.offset());
                List<String> values = new ArrayList<>();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        values.add(record.value());
                    }
                    assertThat(values).containsExactly("before restart", "after restart");
                });
            }
        }
    }
}
