package io.aviary.agent.executor.area;

import io.aviary.agent.AgentJson;
import io.aviary.agent.command.CommandSession;
import io.aviary.agent.connection.ConnectionSecrets;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.http.HttpAllowList;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The AREA executors as the agent builds them, for tests without connections (never signed in). */
final class AreaExecutors {

    static final HttpAllowList ALLOW_LIST = new HttpAllowList(List.of("127.0.0.1"));

    private AreaExecutors() {
    }

    static ConnectionSecrets noConnections() {
        return new ConnectionSecrets(new CommandSession(), AgentJson.newMapper(), Clock.systemUTC());
    }

    static HttpPollExecutor poll() {
        return new HttpPollExecutor(ALLOW_LIST, noConnections());
    }

    static HttpPostExecutor post() {
        return new HttpPostExecutor(ALLOW_LIST, noConnections(), AgentJson.newMapper());
    }

    static TaskContext context(String type, Map<String, Object> payload) {
        return new TaskContext("task-1", type, 1, "worker-1", payload, Duration.ofSeconds(30));
    }
}
