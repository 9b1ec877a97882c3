package io.aviary.command.axon;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStorePropertiesTest {

    @Test
    void theDefaultsKeepTheGapsOfATenSecondTransactionAtTwiceTheRateThePlatformIsSizedFor() {
        EventStoreProperties defaults = bind(Map.of());

        assertThat(defaults.maxTransactionDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.maxGapOffset()).isEqualTo(100_000);
        assertThat(defaults.gapTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.coveredEventsPerSecond()).isEqualTo(2 * 5_000);
    }

    @Test
    void aGapTimeoutThatDoesNotOutlastTwoTransactionsIsRefusedAtStartUp() {
        // a gap may belong to a transaction that started just before the one of an event read a whole bound later
        assertThatThrownBy(() -> bind(Map.of("aviary.event-store.max-transaction-duration", "30s")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("must be longer than twice");
        assertThat(bind(Map.of("aviary.event-store.max-transaction-duration", "29s")).gapTimeout())
                .isEqualTo(Duration.ofSeconds(60));
    }

    private static EventStoreProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("aviary.event-store", EventStoreProperties.class);
    }
}
