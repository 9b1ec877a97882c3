package io.aviary.agent;

import io.aviary.agent.assignment.LogLimits;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limits of the processed-assignment log as {@code aviary.agent.assignment-log.*} binds them. */
class AssignmentLogPropertiesTest {

    @Test
    void withoutConfigurationTheLogKeepsSevenDaysAndAHundredThousandFinishedAttemptsAndCompactsAt64MiB()
            throws IOException {
        // when nothing is configured
        AgentProperties defaults = bind(Map.of());

        // then the record's defaults are the log's, and application.yml names the same
        assertThat(defaults.assignmentLog().limits()).isEqualTo(LogLimits.DEFAULTS)
                .isEqualTo(new LogLimits(Duration.ofDays(7), 100_000, 64L * 1024 * 1024));
        assertThat(AgentProperties.AssignmentLog.DEFAULTS.limits()).isEqualTo(LogLimits.DEFAULTS);
        String yml;
        try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
            yml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(yml).contains("${AVIARY_AGENT_ASSIGNMENT_LOG_RETENTION:7d}",
                "${AVIARY_AGENT_ASSIGNMENT_LOG_MAX_FINISHED:100000}", "${AVIARY_AGENT_ASSIGNMENT_LOG_COMPACT_ABOVE:64MB}");
    }

    @Test
    void eachLimitCanBeSetAndANonsensicalOneIsRefusedByName() {
        // when the three are configured
        AgentProperties configured = bind(Map.of("aviary.agent.assignment-log.finished-retention", "36h",
                "aviary.agent.assignment-log.max-finished", "5000",
                "aviary.agent.assignment-log.compact-above", "16MB"));

        // then the log gets them
        assertThat(configured.assignmentLog().limits())
                .isEqualTo(new LogLimits(Duration.ofHours(36), 5_000, 16L * 1024 * 1024));
        // and a log that would remember no finished attempt is refused, naming the variable to fix
        assertThatThrownBy(() -> bind(Map.of("aviary.agent.assignment-log.max-finished", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("AVIARY_AGENT_ASSIGNMENT_LOG_MAX_FINISHED");
    }

    private static AgentProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("aviary.agent",
                AgentProperties.class);
    }
}
