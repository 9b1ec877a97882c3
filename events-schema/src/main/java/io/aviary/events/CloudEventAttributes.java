package io.aviary.events;

/**
 * Names of the CloudEvent attributes and extensions Aviary puts on {@link Topics#EVENTS} (binary mode: Kafka headers
 * {@code ce_<name>}, value = JSON data).
 */
public final class CloudEventAttributes {

    /** CloudEvent {@code source} of events emitted by command-side aggregates. */
    public static final String SOURCE = "/aviary/command-side";

    /** Extension: sequence number of the event within its aggregate (0-based). Consumers use it for idempotence. */
    public static final String AGGREGATE_SEQUENCE = "aviaryseq";

    /** Extension: aggregate type, e.g. {@code task}. */
    public static final String AGGREGATE_TYPE = "aviaryaggregate";

    /** Kafka header prefix of CloudEvent attributes in binary mode. */
    public static final String KAFKA_HEADER_PREFIX = "ce_";

    private CloudEventAttributes() {
    }
}
