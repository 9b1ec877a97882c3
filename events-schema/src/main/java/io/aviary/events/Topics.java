package io.aviary.events;

/** Kafka topic names. Topics are created up front by the platform, never auto-created by producers. */
public final class Topics {

    /** Every domain event as a CloudEvent, key = aggregate id, unlimited retention: the replay source. */
    public static final String EVENTS = "aviary.events";

    /** Compacted topic of agent heartbeats, key = worker id. Not events: only the latest value matters. */
    public static final String WORKER_LIVENESS = "aviary.worker-liveness";

    private Topics() {
    }
}
