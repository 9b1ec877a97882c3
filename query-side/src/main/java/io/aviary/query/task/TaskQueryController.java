package io.aviary.query.task;

import io.aviary.events.task.TaskStatus;
import io.aviary.events.user.Role;
import io.aviary.query.security.CurrentPrincipal;
import io.aviary.query.web.NotFoundException;
import io.aviary.query.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/tasks...}: tasks and their timelines. Admins and managers see every task; a person with role
 * WORKER sees the tasks whose (current or last) worker is theirs.
 */
@RestController
@RequestMapping("/api/v1/tasks")
class TaskQueryController {

    private final TaskQueries queries;

    TaskQueryController(TaskQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Tasks, filtered by status, type and worker (of the current or last attempt), newest first",
            description = "A WORKER must filter by their own workerId. A task waiting for a worker carries its "
                    + "waitingReason; the page's tasks share one read of the fleet.")
    @RolesAllowed({"ADMIN", "MANAGER", "WORKER"})
    @GetMapping
    Page<TaskSummary> list(@RequestParam(required = false) TaskStatus status,
                           @RequestParam(required = false) String type,
                           @RequestParam(required = false) String workerId,
                           @RequestParam(defaultValue = "0") @Min(0) int page,
                           @Parameter(description = "page size, at most 500")
                           @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1) int size) {
        if (!CurrentPrincipal.require().maySee(blankToNull(workerId), Role.ADMIN, Role.MANAGER)) {
            throw new AccessDeniedException("A WORKER lists only their own tasks: add workerId=<your worker id>.");
        }
        return queries.find(status, blankToNull(type), blankToNull(workerId), page, Page.cappedSize(size));
    }

    @Operation(summary = "A task with its timeline",
            description = "A WORKER may read only tasks of their own worker; any other is a 404, like an unknown id. "
                    + "A task waiting for a worker carries its waitingReason.")
    @RolesAllowed({"ADMIN", "MANAGER", "WORKER"})
    @GetMapping("/{taskId}")
    TaskDetail get(@PathVariable String taskId) {
        CurrentPrincipal caller = CurrentPrincipal.require();
        // 404 rather than 403: a WORKER must not learn which task ids exist
        return queries.findById(taskId)
                .filter(task -> caller.maySee(task.workerId(), Role.ADMIN, Role.MANAGER))
                .orElseThrow(() -> new NotFoundException("task", taskId));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
