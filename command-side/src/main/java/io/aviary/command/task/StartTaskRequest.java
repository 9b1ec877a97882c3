package io.aviary.command.task;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code POST /api/v1/tasks/{id}/start}.
 *
 * @param workerId the reporting worker
 * @param attempt  the attempt it was assigned
 */
public record StartTaskRequest(@NotBlank String workerId, @NotNull @Min(1) Integer attempt) {
}
