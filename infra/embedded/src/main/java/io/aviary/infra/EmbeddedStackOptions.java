package io.aviary.infra;

import java.nio.file.Path;

/**
 * How {@link EmbeddedStack#start(EmbeddedStackOptions)} starts its servers.
 *
 * @param kafkaPort       Kafka PLAINTEXT port; 0 picks a free one
 * @param mongoPort       MongoDB wire server port; 0 picks a free one
 * @param postgresPort    PostgreSQL port; 0 picks a free one
 * @param durable         PostgreSQL with {@code fsync=on} and {@code synchronous_commit=on}; zonky turns both off,
 *                        which is fine for tests but loses commits on a crash
 * @param dataDirectory   root for PostgreSQL ({@code postgres/}), Kafka ({@code kafka/}) and MongoDB wire server
 *                        ({@code mongo/}, an H2 MVStore file) data, kept on close and reused by the next start;
 *                        {@code null} uses temporary folders deleted on close and keeps MongoDB data in memory
 * @param eventPartitions partitions of {@code aviary.events} when this stack creates it
 */
public record EmbeddedStackOptions(int kafkaPort, int mongoPort, int postgresPort, boolean durable,
                                   Path dataDirectory, int eventPartitions) {

    /** Partitions of {@code aviary.events} and {@code aviary.worker-liveness} unless told otherwise. */
    public static final int DEFAULT_PARTITIONS = 4;

    public EmbeddedStackOptions {
        requirePort(kafkaPort, "kafkaPort");
        requirePort(mongoPort, "mongoPort");
        requirePort(postgresPort, "postgresPort");
        if (eventPartitions < 1) {
            throw new IllegalArgumentException("eventPartitions must be >= 1, was " + eventPartitions);
        }
    }

    /** Free ports, throw-away data, fast (non-durable) PostgreSQL: what tests want. */
    public static EmbeddedStackOptions forTests() {
        return new EmbeddedStackOptions(0, 0, 0, false, null, DEFAULT_PARTITIONS);
    }

    /** Fixed well-known ports (Kafka 9092, MongoDB 27017), PostgreSQL on a free port, durable commits. */
    public static EmbeddedStackOptions standalone(Path dataDirectory) {
        return new EmbeddedStackOptions(9092, 27017, 0, true, dataDirectory, DEFAULT_PARTITIONS);
    }

    public EmbeddedStackOptions withKafkaPort(int port) {
        return new EmbeddedStackOptions(port, mongoPort, postgresPort, durable, dataDirectory, eventPartitions);
    }

    public EmbeddedStackOptions withMongoPort(int port) {
        return new EmbeddedStackOptions(kafkaPort, port, postgresPort, durable, dataDirectory, eventPartitions);
    }

    public EmbeddedStackOptions withPostgresPort(int port) {
        return new EmbeddedStackOptions(kafkaPort, mongoPort, port, durable, dataDirectory, eventPartitions);
    }

    public EmbeddedStackOptions withDurable(boolean on) {
        return new EmbeddedStackOptions(kafkaPort, mongoPort, postgresPort, on, dataDirectory, eventPartitions);
    }

    public EmbeddedStackOptions withDataDirectory(Path directory) {
        return new EmbeddedStackOptions(kafkaPort, mongoPort, postgresPort, durable, directory, eventPartitions);
    }

    public EmbeddedStackOptions withEventPartitions(int partitions) {
        return new EmbeddedStackOptions(kafkaPort, mongoPort, postgresPort, durable, dataDirectory, partitions);
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0..65535, was " + port);
        }
    }
}
