package io.aviary.command.task;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code POST /api/v1/tasks:batch}: up to 1,000 tasks, each as the body of {@code POST /api/v1/tasks}. Each
 * is validated on its own: an invalid one is answered 400 in its result and the others are still submitted.
 */
public record CreateTaskBatchRequest(@NotNull @Size(min = 1, max = CreateTaskBatchRequest.MAX_TASKS)
                                     List<CreateTaskRequest> tasks) {

    public static final int MAX_TASKS = 1_000;
}
