package io.aviary.command.area.schedule;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The AREA scheduler ({@code aviary.areas.scheduler.*}).
 *
 * @param enabled          whether this replica runs it; every replica may (each instant fires once: the AREA
 *                         aggregate decides) (env {@code AVIARY_AREAS_SCHEDULER_ENABLED})
 * @param tick             how often it looks for due instants (env {@code AVIARY_AREAS_SCHEDULER_TICK})
 * @param misfireThreshold how late a due instant may be and still fire normally; older ones count as missed
 *                         (downtime) and follow the AREA's misfire policy (env
 *                         {@code AVIARY_AREAS_SCHEDULER_MISFIRETHRESHOLD})
 * @param maxFiresPerTick  most instants one AREA fires in one tick (a late scheduler catching up) (env
 *                         {@code AVIARY_AREAS_SCHEDULER_MAXFIRESPERTICK})
 */
@Validated
@ConfigurationProperties("aviary.areas.scheduler")
public record SchedulerProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("200ms") Duration tick,
        @NotNull @DefaultValue("5s") Duration misfireThreshold,
        @Min(1) @DefaultValue("10") int maxFiresPerTick) {
}
