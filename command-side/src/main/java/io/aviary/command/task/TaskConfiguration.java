package io.aviary.command.task;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the task feature: the aggregate receives {@link RetryBackoff} as a handler parameter. */
@Configuration(proxyBeanMethods = false)
class TaskConfiguration {

    @Bean
    RetryBackoff retryBackoff(RetryProperties properties) {
        return new RetryBackoff(properties);
    }

    @Bean
    TaskPricing taskPricing(PricingProperties properties) {
        return new TaskPricing(properties);
    }
}
