package io.aviary.projections.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How a read model is rebuilt from the event topic ({@code aviary.projections.rebuild.*}).
 *
 * @param batchSize    records per poll and per batch applied to the fresh collections
 *                     ({@code AVIARY_PROJECTIONS_REBUILD_BATCH_SIZE})
 * @param pollTimeout  longest wait of one poll of the rebuild's own consumer
 * @param pauseTimeout how long the swap waits for the live consumer to pause (it finishes its batch first); when it
 *                     does not pause in time (MongoDB unreachable, the live batch retrying), the rebuild fails and
 *                     the live model stays as it was
 * @param logInterval  how often a running rebuild logs its progress
 */
@ConfigurationProperties("aviary.projections.rebuild")
public record RebuildSettings(@DefaultValue("500") int batchSize,
                              @DefaultValue("1s") Duration pollTimeout,
                              @DefaultValue("60s") Duration pauseTimeout,
                              @DefaultValue("5s") Duration logInterval) {
}
