package io.aviary.agent.executor.area;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.TaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * AREA reaction {@code log} {message}: renders the message against the action's output ({@link Template#text}),
 * writes it at INFO on logger {@code io.aviary.area} of the agent, and answers {@code {logged: message}}. Messages
 * longer than {@value #MAX_CHARS} characters are cut there.
 */
public final class LogExecutor implements TaskExecutor {

    static final int MAX_CHARS = 4096;
    private static final Logger areaLog = LoggerFactory.getLogger("io.aviary.area");

    private final ObjectMapper json;

    public LogExecutor(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String type() {
        return "log";
    }

    @Override
    public ExecutionResult execute(TaskContext context) {
        String message = Template.forReaction(context.payload(), json).text(context.stringParam("message", ""));
        if (message.length() > MAX_CHARS) {
            message = message.substring(0, MAX_CHARS) + "…";
        }
        areaLog.info("{} (task {})", message, context.taskId());
        return ExecutionResult.success(Map.of("logged", message));
    }
}
