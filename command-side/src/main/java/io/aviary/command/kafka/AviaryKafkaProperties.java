package io.aviary.command.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Kafka settings of the command side beyond the connection ({@code spring.kafka.*} / {@code axon.kafka.*}, both from
 * {@code AVIARY_KAFKA_BOOTSTRAP}).
 *
 * @param createTopics          create {@code aviary.events} and {@code aviary.worker-liveness} at start-up if absent,
 *                              and wait until every partition has a leader (env {@code AVIARY_KAFKA_CREATETOPICS})
 * @param partitions            partitions of each topic it creates (env {@code AVIARY_KAFKA_PARTITIONS})
 * @param replicationFactor     replication factor of the topics it creates; unset means the broker's
 *                              {@code default.replication.factor} (env {@code AVIARY_KAFKA_REPLICATIONFACTOR})
 * @param topicsReadyTimeout    how long start-up waits for the topics and their leaders before failing
 *                              (env {@code AVIARY_KAFKA_TOPICSREADYTIMEOUT})
 * @param healthTimeout         how long the readiness check waits for the cluster to answer
 *                              (env {@code AVIARY_KAFKA_HEALTHTIMEOUT})
 * @param publisherAckTimeout   how long publishing a batch of events waits for the broker's acknowledgements before
 *                              the publishing processor retries (env {@code AVIARY_KAFKA_PUBLISHERACKTIMEOUT})
 * @param publisherBatchSize    at most this many stored events per batch of the publishing processor: one unit of
 *                              work, one token update, one wait for the acknowledgements (ADR 0014; env
 *                              {@code AVIARY_KAFKA_PUBLISHERBATCHSIZE})
 */
@Validated
@ConfigurationProperties("aviary.kafka")
public record AviaryKafkaProperties(
        @DefaultValue("true") boolean createTopics,
        @Min(1) @DefaultValue("4") int partitions,
        @Min(1) Short replicationFactor,
        @NotNull @DefaultValue("60s") Duration topicsReadyTimeout,
        @NotNull @DefaultValue("2s") Duration healthTimeout,
        @NotNull @DefaultValue("10s") Duration publisherAckTimeout,
        @Min(1) @DefaultValue("200") int publisherBatchSize) {
}
