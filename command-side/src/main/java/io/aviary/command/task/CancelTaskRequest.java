package io.aviary.command.task;

import jakarta.validation.constraints.Size;

/**
 * Optional body of {@code POST /api/v1/tasks/{id}/cancel}.
 *
 * @param reason why, for the history
 */
public record CancelTaskRequest(@Size(max = 500) String reason) {
}
