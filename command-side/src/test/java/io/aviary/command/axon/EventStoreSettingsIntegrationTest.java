package io.aviary.command.axon;

import io.aviary.command.CommandSideIntegrationTest;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The running application uses the gap settings and the commit guard that EventStoreGapsIntegrationTest proves. */
class EventStoreSettingsIntegrationTest extends CommandSideIntegrationTest {

    @Autowired
    private EventStorageEngine storageEngine;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theEventStoreWaitsForGapsAsConfigured() {
        // Axon's engine has no getters for these: read its fields, so that a bean other than ours shows here
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class)
                .extracting("maxGapOffset", "gapTimeout").containsExactly(100_000, 60_000);
    }

    @Test
    void everySessionCarriesTheBoundTheCommitGuardEnforces() {
        assertThat(jdbc.queryForObject("SELECT current_setting('" + EventStoreConfiguration.BOUND_SETTING + "')",
                String.class)).isEqualTo("10000");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_trigger WHERE tgname = 'domainevententry_commit_guard'"
                + " AND tgrelid = 'domainevententry'::regclass AND tgdeferrable AND tginitdeferred", Integer.class))
                .isEqualTo(1);
    }
}
