package io.aviary.command.task;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Backoff between a failed attempt and the next one: {@code initial * multiplier^(failures - 1)}, capped at
 * {@code max}, then spread by +-{@code jitter} so that tasks failing together do not retry together.
 *
 * @param initial    delay after the first failure (env {@code AVIARY_TASKS_RETRY_INITIAL}, e.g. {@code 500ms})
 * @param multiplier growth per further failure (env {@code AVIARY_TASKS_RETRY_MULTIPLIER})
 * @param max        longest delay (env {@code AVIARY_TASKS_RETRY_MAX})
 * @param jitter     relative spread, 0 to 1: 0.2 means +-20 % (env {@code AVIARY_TASKS_RETRY_JITTER})
 */
@Validated
@ConfigurationProperties("aviary.tasks.retry")
public record RetryProperties(
        @NotNull @DefaultValue("500ms") Duration initial,
        @DecimalMin("1.0") @DefaultValue("2") double multiplier,
        @NotNull @DefaultValue("60s") Duration max,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.2") double jitter) {
}
