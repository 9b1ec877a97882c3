package io.aviary.command.task;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Price ranges of a task (aTES rules), in whole currency units, bounds included. Prices are drawn once, when the task
 * is created, and recorded in {@link io.aviary.events.task.TaskCreated}.
 *
 * @param feeMin    lowest assignment fee (env {@code AVIARY_TASKS_PRICING_FEEMIN})
 * @param feeMax    highest assignment fee (env {@code AVIARY_TASKS_PRICING_FEEMAX})
 * @param rewardMin lowest completion reward (env {@code AVIARY_TASKS_PRICING_REWARDMIN})
 * @param rewardMax highest completion reward (env {@code AVIARY_TASKS_PRICING_REWARDMAX})
 */
@Validated
@ConfigurationProperties("aviary.tasks.pricing")
public record PricingProperties(
        @Min(0) @DefaultValue("10") int feeMin,
        @Min(0) @DefaultValue("20") int feeMax,
        @Min(0) @DefaultValue("20") int rewardMin,
        @Min(0) @DefaultValue("40") int rewardMax) {

    @AssertTrue(message = "each minimum must not exceed its maximum")
    boolean isOrdered() {
        return feeMin <= feeMax && rewardMin <= rewardMax;
    }
}
