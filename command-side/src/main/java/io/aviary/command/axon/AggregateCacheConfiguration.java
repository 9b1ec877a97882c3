package io.aviary.command.axon;

import org.axonframework.common.caching.Cache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The caches named by {@code @Aggregate(cache = ...)} on the hot aggregates (ADR 16). */
@Configuration(proxyBeanMethods = false)
public class AggregateCacheConfiguration {

    public static final String TASKS = "taskAggregateCache";
    public static final String WORKERS = "workerAggregateCache";
    public static final String ACCOUNTS = "accountAggregateCache";

    @Bean(TASKS)
    Cache taskAggregateCache(AggregateCacheProperties properties) {
        return new BoundedAggregateCache(properties.tasks());
    }

    @Bean(WORKERS)
    Cache workerAggregateCache(AggregateCacheProperties properties) {
        return new BoundedAggregateCache(properties.workers());
    }

    @Bean(ACCOUNTS)
    Cache accountAggregateCache(AggregateCacheProperties properties) {
        return new BoundedAggregateCache(properties.accounts());
    }
}
