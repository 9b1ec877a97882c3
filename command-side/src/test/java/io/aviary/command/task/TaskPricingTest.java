package io.aviary.command.task;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TaskPricingTest {

    @Test
    void pricesAreWholeNumbersFromTheInclusiveRanges() {
        TaskPricing pricing = new TaskPricing(new PricingProperties(10, 20, 20, 40));
        Set<Integer> fees = new HashSet<>();
        Set<Integer> rewards = new HashSet<>();

        for (int i = 0; i < 5_000; i++) {
            TaskPricing.Prices prices = pricing.next();
            fees.add(prices.assignmentFee());
            rewards.add(prices.completionReward());
        }

        // 5,000 draws hit every value of both small ranges, the bounds included.
        assertThat(fees).hasSize(11).contains(10, 20).allMatch(fee -> fee >= 10 && fee <= 20);
        assertThat(rewards).hasSize(21).contains(20, 40).allMatch(reward -> reward >= 20 && reward <= 40);
    }

    @Test
    void aRangeOfOneValueAlwaysGivesThatValue() {
        TaskPricing pricing = new TaskPricing(new PricingProperties(15, 15, 30, 30));

        assertThat(pricing.next()).isEqualTo(new TaskPricing.Prices(15, 30));
    }
}
