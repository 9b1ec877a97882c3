package io.aviary.events;

/**
 * A domain event. The aggregate id is the Kafka record key and the CloudEvent {@code subject}, so all events of one
 * aggregate stay in order on one partition.
 */
public interface AviaryEvent {

    /** Identifier of the aggregate that emitted the event. */
    String aggregateId();
}
