package io.aviary.command.kafka;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The extension's {@link KafkaPublisher} in {@link ConfirmationMode#WAIT_FOR_ACK}, with the acknowledgements awaited
 * once per unit of work instead of once per event.
 * <p>
 * The extension's publisher sends one record and blocks until the broker acknowledged it, so the publishing processor
 * paid a full broker round trip (and, with a batch of one, a token commit in PostgreSQL) per event: ~65 events/s on
 * the benchmark machine, which made it the pipeline's bottleneck (agents only learn of an assignment from Kafka). Here
 * every record of the processor's batch is handed to the producer at once (it pipelines them, in order per partition:
 * idempotence on), and the unit of work waits for all acknowledgements in its prepare-commit phase, before the
 * transaction that stores the processor's token commits. A record that is not acknowledged in time fails the whole
 * batch: the transaction rolls back, the token stays, and the processor retries the batch. So the guarantee is the
 * same as before: stored first, then published, in order per aggregate, at least once (a retried batch may publish
 * a record twice; consumers skip events by their sequence).
 * <p>
 * Outside a unit of work, or in another confirmation mode, it behaves exactly as the extension's publisher.
 */
final class BatchAckKafkaPublisher<K, V> extends KafkaPublisher<K, V> {

    private static final Logger log = LoggerFactory.getLogger(BatchAckKafkaPublisher.class);
    private static final String PENDING_ACKS = BatchAckKafkaPublisher.class.getName() + ".pendingAcks";

    private final ProducerFactory<K, V> producerFactory;
    private final KafkaMessageConverter<K, V> messageConverter;
    private final MessageMonitor<? super EventMessage<?>> messageMonitor;
    private final TopicResolver topicResolver;
    private final long ackTimeoutMs;

    /** The builder must have been given the same collaborators as the other parameters. */
    BatchAckKafkaPublisher(Builder<K, V> builder, ProducerFactory<K, V> producerFactory,
                           KafkaMessageConverter<K, V> messageConverter,
                           MessageMonitor<? super EventMessage<?>> messageMonitor, TopicResolver topicResolver,
                           long ackTimeoutMs) {
        super(builder);
        this.producerFactory = producerFactory;
        this.messageConverter = messageConverter;
        this.messageMonitor = messageMonitor;
        this.topicResolver = topicResolver;
        this.ackTimeoutMs = ackTimeoutMs;
    }

    @Override
    public <T extends EventMessage<?>> void send(T event) {
        if (!producerFactory.confirmationMode().isWaitForAck() || !CurrentUnitOfWork.isStarted()) {
            super.send(event);
            return;
        }
        Optional<String> topic = topicResolver.resolve(event);
        if (topic.isEmpty()) {
            return;
        }
        MonitorCallback monitor = messageMonitor.onMessageIngested(event);
        Producer<K, V> producer = producerFactory.createProducer();
        Future<RecordMetadata> ack;
        try {
            ack = producer.send(messageConverter.createKafkaMessage(event, topic.get()));
        } catch (RuntimeException e) {
            monitor.reportFailure(e);
            throw new EventPublicationFailedException("Event publication failed: the producer refused the record", e);
        } finally {
            close(producer);
        }
        pendingAcks(CurrentUnitOfWork.get().root()).add(new PendingAck(ack, monitor));
    }

    /** The acknowledgements this unit of work waits for, registering the wait on first use. */
    private List<PendingAck> pendingAcks(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getOrComputeResource(PENDING_ACKS, key -> {
            List<PendingAck> pending = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitAll(pending));
            return pending;
        });
    }

    private void awaitAll(List<PendingAck> pending) {
        long deadline = System.currentTimeMillis() + ackTimeoutMs;
        for (int i = 0; i < pending.size(); i++) {
            PendingAck entry = pending.get(i);
            try {
                entry.ack().get(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                entry.monitor().reportSuccess();
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                for (PendingAck failed : pending.subList(i, pending.size())) {
                    failed.monitor().reportFailure(e);
                }
                log.warn("{} of {} record(s) of the batch not acknowledged by Kafka; the batch will be retried",
                        pending.size() - i, pending.size());
                throw new EventPublicationFailedException(
                        "Event publication failed, exception occurred while waiting for event publication.", e);
            }
        }
    }

    private static void close(Producer<?, ?> producer) {
        try {
            producer.close(); // the shared producer of a non-transactional factory ignores it
        } catch (RuntimeException e) {
            log.debug("Closing the producer failed", e);
        }
    }

    private record PendingAck(Future<RecordMetadata> ack, MonitorCallback monitor) {
    }
}
