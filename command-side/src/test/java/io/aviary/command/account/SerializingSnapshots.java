package io.aviary.command.account;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * An in-memory storage engine whose snapshots go through the serializer, as they do in a real event store: the
 * in-memory engine alone would hand the very aggregate instance back, and never test that it survives JSON.
 */
public final class SerializingSnapshots implements EventStorageEngine {

    private record Stored(String type, long sequence, SerializedObject<byte[]> data) {
    }

    private final EventStorageEngine delegate;
    private final Serializer serializer;
    private final Map<String, Stored> snapshots = new ConcurrentHashMap<>();
    private final AtomicInteger stored = new AtomicInteger();

    public SerializingSnapshots(EventStorageEngine delegate, Serializer serializer) {
        this.delegate = delegate;
        this.serializer = serializer;
    }

    public int stored() {
        return stored.get();
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        SerializedObject<byte[]> data = serializer.serialize(snapshot.getPayload(), byte[].class);
        snapshots.put(snapshot.getAggregateIdentifier(), new Stored(snapshot.getType(), snapshot.getSequenceNumber(),
                new SimpleSerializedObject<>(data.getData(), byte[].class,
                        new SimpleSerializedType(data.getType().getName(), data.getType().getRevision()))));
        stored.incrementAndGet();
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        Stored snapshot = snapshots.get(aggregateIdentifier);
        if (snapshot == null) {
            return Optional.empty();
        }
        Object aggregate = serializer.deserialize(snapshot.data());
        return Optional.of(new GenericDomainEventMessage<>(snapshot.type(), aggregateIdentifier, snapshot.sequence(),
                aggregate));
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        delegate.appendEvents(events);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }
}
