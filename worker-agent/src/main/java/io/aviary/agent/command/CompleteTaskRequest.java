package io.aviary.agent.command;

import io.aviary.events.task.Outcome;

import java.util.Map;

/** Body of {@code POST /api/v1/tasks/{id}/complete}. */
public record CompleteTaskRequest(String workerId, int attempt, Outcome outcome, Map<String, Object> output,
                                  String message) {
}
