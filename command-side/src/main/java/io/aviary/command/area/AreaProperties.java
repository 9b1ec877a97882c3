package io.aviary.command.area;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * AREAs ({@code aviary.areas.*}; the scheduler and webhooks have their own sections).
 *
 * @param snapshotThreshold events between two snapshots of an AREA (every fire adds three or more events) (env
 *                          {@code AVIARY_AREAS_SNAPSHOTTHRESHOLD})
 * @param taskTimeout       how long one attempt of an AREA's action or reaction task may run (env
 *                          {@code AVIARY_AREAS_TASKTIMEOUT})
 */
@Validated
@ConfigurationProperties("aviary.areas")
public record AreaProperties(
        @Min(1) @DefaultValue("100") int snapshotThreshold,
        @NotNull @DefaultValue("60s") Duration taskTimeout) {
}
