package io.aviary.command.task;

/** Answer of the task commands. */
public record TaskIdResponse(String taskId) {
}
