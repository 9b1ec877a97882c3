package io.aviary.command.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The Axon Kafka extension's producer factory, with Micrometer's {@link KafkaClientMetrics} bound to each producer it
 * hands out ({@code kafka_producer_*}: records sent, errors, request latency, buffer use). The extension builds its
 * producers itself, so this is the one place to see them. Without transactions it shares one producer, so one set of
 * meters; they are removed when the factory shuts down.
 */
final class MeteredProducerFactory<K, V> implements ProducerFactory<K, V> {

    private final ProducerFactory<K, V> delegate;
    private final MeterRegistry registry;
    private final Map<Producer<K, V>, KafkaClientMetrics> bound = new IdentityHashMap<>();

    MeteredProducerFactory(ProducerFactory<K, V> delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public Producer<K, V> createProducer() {
        Producer<K, V> producer = delegate.createProducer();
        synchronized (bound) {
            bound.computeIfAbsent(producer, created -> {
                KafkaClientMetrics metrics = new KafkaClientMetrics(created);
                metrics.bindTo(registry);
                return metrics;
            });
        }
        return producer;
    }

    @Override
    public ConfirmationMode confirmationMode() {
        return delegate.confirmationMode();
    }

    @Override
    public void shutDown() {
        synchronized (bound) {
            bound.values().forEach(KafkaClientMetrics::close);
            bound.clear();
        }
        delegate.shutDown();
    }
}
