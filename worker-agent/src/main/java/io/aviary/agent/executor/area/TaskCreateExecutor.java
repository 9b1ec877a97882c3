package io.aviary.agent.executor.area;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.TaskExecutor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AREA reaction {@code task.create} {type, payload}: renders the new task's payload against the action's output and
 * answers {@code {createTask: {type, payload}}}. The orchestrator submits that task: agents may not create tasks.
 * {@code payload} is a JSON object whose string leaves are templates ({@link Template#structure}), or a string of
 * JSON text rendered with JSON escaping ({@link Template#json}) that must then be an object.
 */
public final class TaskCreateExecutor implements TaskExecutor {

    private final ObjectMapper json;

    public TaskCreateExecutor(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String type() {
        return "task.create";
    }

    @Override
    public ExecutionResult execute(TaskContext context) {
        String type = context.stringParam("type", "").trim();
        if (type.isEmpty()) {
            return ExecutionResult.failure("task.create: payload.type is required");
        }
        Template template = Template.forReaction(context.payload(), json);
        Object given = context.payload().get("payload");
        Object rendered;
        if (given == null) {
            rendered = Map.of();
        } else if (given instanceof Map<?, ?>) {
            rendered = template.structure(given);
        } else if (given instanceof String text) {
            try {
                rendered = json.readValue(template.json(text), new TypeReference<Map<String, Object>>() { });
            } catch (JsonProcessingException e) {
                return ExecutionResult.failure("task.create: payload is not a JSON object once rendered: "
                        + e.getOriginalMessage());
            }
        } else {
            return ExecutionResult.failure("task.create: payload must be a JSON object (or JSON text of one)");
        }
        Map<String, Object> createTask = new LinkedHashMap<>();
        createTask.put("type", type);
        createTask.put("payload", rendered);
        return ExecutionResult.success(Map.of("createTask", createTask));
    }
}
