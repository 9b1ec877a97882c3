package io.aviary.agent.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aviary.events.task.Outcome;

import java.util.Map;

/** One item of {@code POST /api/v1/tasks/reports:batch}: an attempt starts, or ends with its outcome. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttemptReport(String taskId, String workerId, int attempt, Kind kind, Outcome outcome,
                            Map<String, Object> output, String message) {

    public enum Kind { START, COMPLETE }

    static AttemptReport start(String taskId, StartTaskRequest request) {
        return new AttemptReport(taskId, request.workerId(), request.attempt(), Kind.START, null, null, null);
    }

    static AttemptReport complete(String taskId, CompleteTaskRequest request) {
        return new AttemptReport(taskId, request.workerId(), request.attempt(), Kind.COMPLETE, request.outcome(),
                request.output(), request.message());
    }

    /** Names the report in log lines: {@code start <task>#<attempt>}. */
    String describe() {
        return (kind == Kind.START ? "start " : "complete ") + taskId + "#" + attempt;
    }
}
