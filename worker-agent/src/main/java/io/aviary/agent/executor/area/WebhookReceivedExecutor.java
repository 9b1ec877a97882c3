package io.aviary.agent.executor.area;

import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.TaskExecutor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AREA action {@code webhook.received} {delivery: {deliveryId, payload}}: the delivery itself is the trigger. Output
 * {@code {triggered: true, payload}} with the delivery's payload (the webhook body as JSON, or {@code {raw: "..."}}),
 * which reactions reach as {@code {{output.payload.x}}} or, shorter, {@code {{payload.x}}}.
 */
public final class WebhookReceivedExecutor implements TaskExecutor {

    @Override
    public String type() {
        return "webhook.received";
    }

    @Override
    public ExecutionResult execute(TaskContext context) {
        Object delivery = context.payload().get("delivery");
        if (!(delivery instanceof Map<?, ?> fields)) {
            return ExecutionResult.failure("webhook.received: payload.delivery (the delivery) is required");
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("triggered", true);
        output.put("payload", fields.get("payload") == null ? Map.of() : fields.get("payload"));
        return ExecutionResult.success(output);
    }
}
