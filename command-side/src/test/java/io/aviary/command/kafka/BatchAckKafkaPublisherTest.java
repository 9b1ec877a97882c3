package io.aviary.command.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The publisher hands a unit of work's records to the producer as they come and waits for their acknowledgements
 * only when the unit of work commits; one missing acknowledgement fails the commit (so the processor's token stays).
 * The acknowledgements are completed by hand ({@link MockProducer} without auto-completion): no timing involved.
 */
class BatchAckKafkaPublisherTest {

    /** Like the extension's shared producer when there are no transactions: close() leaves it open. */
    private final MockProducer<String, String> producer =
            new MockProducer<>(false, new StringSerializer(), new StringSerializer()) {
                @Override
                public void close() {
                }

                @Override
                public void close(Duration timeout) {
                }
            };
    private final List<String> monitored = new ArrayList<>();
    private final BatchAckKafkaPublisher<String, String> publisher = publisher(ConfirmationMode.WAIT_FOR_ACK);

    @AfterEach
    void noUnitOfWorkLeft() {
        assertThat(org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()).isFalse();
    }

    @Test
    void records_of_a_unit_of_work_are_all_sent_before_any_acknowledgement_is_awaited_and_in_order() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        publisher.send(event("a"));
        publisher.send(event("b"));
        publisher.send(event("c"));

        // Nothing blocked so far: all three records are with the producer, none acknowledged yet.
        assertThat(producer.history()).extracting(ProducerRecord::value).containsExactly("a", "b", "c");
        assertThat(monitored).isEmpty();

        producer.completeNext();
        producer.completeNext();
        producer.completeNext();
        unitOfWork.commit();

        assertThat(monitored).containsExactly("success", "success", "success");
    }

    @Test
    void a_record_that_is_not_acknowledged_fails_the_commit() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        AtomicBoolean rolledBack = new AtomicBoolean();
        unitOfWork.onRollback(u -> rolledBack.set(true));
        publisher.send(event("a"));
        publisher.send(event("b"));

        producer.completeNext();
        producer.errorNext(new RuntimeException("broker said no"));

        assertThatThrownBy(unitOfWork::commit).isInstanceOf(EventPublicationFailedException.class);
        assertThat(rolledBack).isTrue();
        assertThat(monitored).containsExactly("success", "failure");
    }

    @Test
    void events_outside_the_contract_are_not_sent() {
        BatchAckKafkaPublisher<String, String> picky = publisher(ConfirmationMode.WAIT_FOR_ACK, event -> Optional.empty());
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        picky.send(event("a"));
        unitOfWork.commit();

        assertThat(producer.history()).isEmpty();
        assertThat(monitored).isEmpty();
    }

    private BatchAckKafkaPublisher<String, String> publisher(ConfirmationMode mode) {
        return publisher(mode, event -> Optional.of("topic"));
    }

    private BatchAckKafkaPublisher<String, String> publisher(ConfirmationMode mode, TopicResolver topics) {
        ProducerFactory<String, String> factory = new ProducerFactory<>() {
            @Override
            public Producer<String, String> createProducer() {
                return producer;
            }

            @Override
            public ConfirmationMode confirmationMode() {
                return mode;
            }

            @Override
            public void shutDown() {
            }
        };
        KafkaMessageConverter<String, String> converter = new KafkaMessageConverter<>() {
            @Override
            public ProducerRecord<String, String> createKafkaMessage(EventMessage<?> eventMessage, String topic) {
                return new ProducerRecord<>(topic, "key", (String) eventMessage.getPayload());
            }

            @Override
            public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, String> consumerRecord) {
                return Optional.empty();
            }
        };
        MessageMonitor<EventMessage<?>> monitor = message -> new MessageMonitor.MonitorCallback() {
            @Override
            public void reportSuccess() {
                monitored.add("success");
            }

            @Override
            public void reportFailure(Throwable cause) {
                monitored.add("failure");
            }

            @Override
            public void reportIgnored() {
                monitored.add("ignored");
            }
        };
        KafkaPublisher.Builder<String, String> builder = KafkaPublisher.<String, String>builder()
                .serializer(JacksonSerializer.defaultSerializer())
                .producerFactory(factory)
                .messageConverter(converter)
                .messageMonitor(monitor)
                .topicResolver(topics)
                .publisherAckTimeout(60_000);
        return new BatchAckKafkaPublisher<>(builder, factory, converter, monitor, topics, 60_000);
    }

    private static EventMessage<String> event(String payload) {
        return GenericEventMessage.asEventMessage(payload);
    }
}
