package io.aviary.agent.command;

/** Body of {@code POST /api/v1/tasks/{id}/start}. */
public record StartTaskRequest(String workerId, int attempt) {
}
