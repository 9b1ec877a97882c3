package io.aviary.command.task;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntBinaryOperator;

/** Draws a new task's assignment fee and completion reward from the configured ranges. */
public class TaskPricing {

    /** A task's prices. */
    public record Prices(int assignmentFee, int completionReward) {
    }

    private final PricingProperties properties;
    private final IntBinaryOperator randomBetweenInclusive;

    public TaskPricing(PricingProperties properties) {
        this(properties, (min, max) -> ThreadLocalRandom.current().nextInt(min, max + 1));
    }

    /** @param randomBetweenInclusive {@code (min, max) -> } a whole number in [min, max] */
    public TaskPricing(PricingProperties properties, IntBinaryOperator randomBetweenInclusive) {
        this.properties = properties;
        this.randomBetweenInclusive = randomBetweenInclusive;
    }

    public Prices next() {
        return new Prices(
                randomBetweenInclusive.applyAsInt(properties.feeMin(), properties.feeMax()),
                randomBetweenInclusive.applyAsInt(properties.rewardMin(), properties.rewardMax()));
    }
}
