package io.aviary.query.task;

import io.aviary.events.task.TaskStatus;
import io.aviary.query.web.NotFoundException;
import io.aviary.query.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/tasks...}: tasks and their timelines. */
@RestController
@RequestMapping("/api/v1/tasks")
class TaskQueryController {

    private final TaskQueries queries;

    TaskQueryController(TaskQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Tasks, filtered by status, type and worker (of the current or last attempt), newest first")
    @GetMapping
    Page<TaskSummary> list(@RequestParam(required = false) TaskStatus status,
                           @RequestParam(required = false) String type,
                           @RequestParam(required = false) String workerId,
                           @RequestParam(defaultValue = "0") @Min(0) int page,
                           @Parameter(description = "page size, at most 500")
                           @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1) int size) {
        return queries.find(status, blankToNull(type), blankToNull(workerId), page, Page.cappedSize(size));
    }

    @Operation(summary = "A task with its timeline")
    @GetMapping("/{taskId}")
    TaskDetail get(@PathVariable String taskId) {
        return queries.findById(taskId).orElseThrow(() -> new NotFoundException("task", taskId));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
