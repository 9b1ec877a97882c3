package io.aviary.command.person;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * The worker a person with role WORKER becomes ({@code aviary.persons.*}); applied when the role is granted.
 *
 * @param slots     Tasks a person works on at once. Env AVIARY_PERSONS_SLOTS.
 * @param maxQueue  Tasks waiting for a person beyond those. Env AVIARY_PERSONS_MAXQUEUE.
 * @param taskTypes Task types a person does. Env AVIARY_PERSONS_TASKTYPES (comma-separated).
 */
@Validated
@ConfigurationProperties("aviary.persons")
public record PersonWorkerProperties(
        @Min(1) @DefaultValue("1") int slots,
        @Min(0) @DefaultValue("10") int maxQueue,
        @NotEmpty @DefaultValue("manual") List<String> taskTypes) {
}
