package io.aviary.query.worker;

import io.aviary.events.user.Role;
import io.aviary.events.worker.WorkerState;
import io.aviary.query.security.CurrentPrincipal;
import io.aviary.query.web.NotFoundException;
import io.aviary.query.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/workers...}: the fleet as the projections see it. Admins and managers see every worker; a person
 * with role WORKER sees only their own worker and its queue.
 */
@RestController
@RequestMapping("/api/v1/workers")
class WorkerQueryController {

    private final WorkerQueries queries;

    WorkerQueryController(WorkerQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Workers, filtered by state, exact name and accepted task type, sorted by name")
    @RolesAllowed({"ADMIN", "MANAGER"})
    @GetMapping
    Page<WorkerSummary> list(@RequestParam(required = false) WorkerState state,
                             @RequestParam(required = false) String name,
                             @RequestParam(required = false) String taskType,
                             @RequestParam(defaultValue = "0") @Min(0) int page,
                             @Parameter(description = "page size, at most 500")
                             @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1) int size) {
        return queries.find(state, blankToNull(name), blankToNull(taskType), page, Page.cappedSize(size));
    }

    @Operation(summary = "A worker, with the last finished task of each task type it accepts",
            description = "A WORKER may read only their own worker.")
    @RolesAllowed({"ADMIN", "MANAGER", "WORKER"})
    @GetMapping("/{workerId}")
    WorkerDetail get(@PathVariable String workerId) {
        requireVisible(workerId);
        return queries.findById(workerId).orElseThrow(() -> new NotFoundException("worker", workerId));
    }

    @Operation(summary = "A worker's current queue (held attempts) or history (finished attempts, newest first)",
            description = "A WORKER may read only their own worker's queue.")
    @RolesAllowed({"ADMIN", "MANAGER", "WORKER"})
    @GetMapping("/{workerId}/queue")
    WorkerQueue queue(@PathVariable String workerId,
                      @RequestParam(defaultValue = "current") @Pattern(regexp = "current|history") String view) {
        requireVisible(workerId);
        return queries.queue(workerId, view.equals("history"))
                .orElseThrow(() -> new NotFoundException("worker", workerId));
    }

    /** Checked before the lookup: whether another worker exists is not a WORKER's business either. */
    private static void requireVisible(String workerId) {
        if (!CurrentPrincipal.require().maySee(workerId, Role.ADMIN, Role.MANAGER)) {
            throw new AccessDeniedException("A WORKER may read only their own worker.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
