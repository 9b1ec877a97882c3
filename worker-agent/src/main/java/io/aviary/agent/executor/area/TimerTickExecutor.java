package io.aviary.agent.executor.area;

import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.executor.TaskContext;
import io.aviary.agent.executor.TaskExecutor;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AREA action {@code timer.tick}: always triggered. Output {@code {triggered: true, firedAt}}: the fire time the
 * orchestrator put in the payload ({@code firedAt}, else {@code scheduledFor}), or the agent's clock when it gave
 * none (ISO-8601).
 */
public final class TimerTickExecutor implements TaskExecutor {

    private final Clock clock;

    public TimerTickExecutor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String type() {
        return "timer.tick";
    }

    @Override
    public ExecutionResult execute(TaskContext context) {
        String firedAt = context.stringParam("firedAt", context.stringParam("scheduledFor", null));
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("triggered", true);
        output.put("firedAt", firedAt != null ? firedAt : clock.instant().toString());
        return ExecutionResult.success(output);
    }
}
