package io.aviary.agent;

import io.aviary.agent.command.CommandSession;
import io.aviary.agent.executor.ExecutorRegistry;
import io.aviary.agent.executor.http.HttpAllowList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An agent started without AVIARY_AGENT_TASK_TYPES accepts the AREA types and has an executor for each type. */
class DefaultTaskTypesTest {

    private static final List<String> AREA_TYPES = List.of("http.poll", "webhook.received", "timer.tick", "http.post",
            "task.create", "log");

    @Test
    void theDefaultTaskTypesIncludeTheAreaTypesAndEachHasAnExecutor() throws IOException {
        // given the configuration's defaults (record and application.yml)
        AgentProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("aviary.agent", AgentProperties.class);
        String yml;
        try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
            yml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        // when the agent's executors are wired as the application wires them
        AgentConfiguration configuration = new AgentConfiguration();
        CommandSession session = configuration.commandSession();
        HttpAllowList allowList = configuration.httpAllowList(defaults);
        var connections = configuration.connectionSecrets(session, Clock.systemUTC());
        ExecutorRegistry registry = configuration.executorRegistry(List.of(configuration.noopExecutor(),
                configuration.sleepExecutor(), configuration.failExecutor(), configuration.httpExecutor(allowList),
                configuration.httpPollExecutor(allowList, connections), configuration.webhookReceivedExecutor(),
                configuration.timerTickExecutor(Clock.systemUTC()),
                configuration.httpPostExecutor(allowList, connections), configuration.taskCreateExecutor(),
                configuration.logExecutor()));

        // then the six AREA types are advertised by default, and every advertised type can run
        assertThat(defaults.taskTypes()).containsAll(AREA_TYPES);
        assertThat(yml).contains("${AVIARY_AGENT_TASK_TYPES:" + String.join(",", defaults.taskTypes()) + "}");
        assertThat(registry.types()).containsAll(defaults.taskTypes());
    }
}
