package io.aviary.command.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sizes of the aggregate caches ({@code aviary.aggregate-cache.*}, env {@code AVIARY_AGGREGATECACHE_*}): how many
 * of the most recently used aggregates of each kind stay in memory (ADR 16). A task aggregate is a few hundred bytes
 * plus its payload; the defaults keep the open tasks of a busy fleet and every account and worker of a large one.
 *
 * @param tasks    task aggregates kept (env AVIARY_AGGREGATECACHE_TASKS)
 * @param workers  worker aggregates kept (env AVIARY_AGGREGATECACHE_WORKERS)
 * @param accounts account aggregates kept (env AVIARY_AGGREGATECACHE_ACCOUNTS)
 */
@ConfigurationProperties("aviary.aggregate-cache")
public record AggregateCacheProperties(
        @DefaultValue("20000") int tasks,
        @DefaultValue("10000") int workers,
        @DefaultValue("10000") int accounts) {
}
