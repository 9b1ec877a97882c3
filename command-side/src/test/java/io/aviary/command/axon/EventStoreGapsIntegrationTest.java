package io.aviary.command.axon;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: a transaction that commits long after it inserted its event leaves a gap in the global index that
 * tracking processors (the Kafka publisher among them) wait for only so far. The scenario holds one open while
 * 56,000 events are appended, more than 5,000 events/s (the rate the platform is sized for) during the whole 10 s a
 * transaction may stay open, with a tracking reader at the head all along.
 */
class EventStoreGapsIntegrationTest {

    private static final int AXON_DEFAULT_MAX_GAP_OFFSET = 10_000;
    private static final int EVENTS_DURING_THE_LONGEST_TRANSACTION = 5_000 * 10;

    private final GapScenario scenario = new GapScenario(2, 140, 200);

    @Test
    void withAxonsDefaultGapSettingsTheLateEventIsStoredButNeverRead() throws Exception {
        // given Axon's defaults (10,000 indexes, 60 s), when the scenario runs
        GapScenario.Outcome outcome = scenario.run("gaps_axon_defaults", UnaryOperator.identity());

        // then the reader went more than maxGapOffset past the gap, dropped it and never read the late event,
        // which is nonetheless in the store: this is the loss the settings below prevent
        assertThat(outcome.readIndexBeforeLateCommit() - outcome.lateIndex())
                .isGreaterThan(AXON_DEFAULT_MAX_GAP_OFFSET);
        assertThat(outcome.stored()).isEqualTo(scenario.eventsAppendedMeanwhile() + 2);
        assertThat(outcome.storedButNeverRead()).containsExactly(outcome.lateEvent());
    }

    @Test
    void withTheCommandSidesGapSettingsEveryStoredEventIsRead() throws Exception {
        // given the gap settings command-side builds its engine with (the properties' defaults)
        EventStoreProperties defaults = new Binder().bindOrCreate("aviary.event-store", EventStoreProperties.class);

        // when the same scenario runs
        GapScenario.Outcome outcome = scenario.run("gaps_command_side", defaults::applyTo);

        // then the reader waited for the gap and read the late event once it was committed: every stored event
        assertThat(outcome.readIndexBeforeLateCommit() - outcome.lateIndex())
                .isGreaterThan(EVENTS_DURING_THE_LONGEST_TRANSACTION);
        assertThat(outcome.stored()).isEqualTo(scenario.eventsAppendedMeanwhile() + 2);
        assertThat(outcome.storedButNeverRead()).isEmpty();
    }
}
