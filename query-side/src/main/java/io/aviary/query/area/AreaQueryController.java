package io.aviary.query.area;

import io.aviary.query.web.NotFoundException;
import io.aviary.query.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/areas...}: AREA definitions and schedules, their execution logs and webhook deliveries. */
@RestController
@RequestMapping("/api/v1/areas")
class AreaQueryController {

    private final AreaQueries queries;

    AreaQueryController(AreaQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "AREAs, newest first, optionally in one state")
    @RolesAllowed({"ADMIN", "MANAGER"})
    @GetMapping
    Page<AreaSummary> list(@RequestParam(required = false) AreaState state,
                           @RequestParam(defaultValue = "0") @Min(0) int page,
                           @Parameter(description = "page size, at most 500")
                           @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1) int size) {
        return queries.find(state, page, Page.cappedSize(size));
    }

    @Operation(summary = "An AREA: current definition, state, last and next fire time, webhook URL")
    @RolesAllowed({"ADMIN", "MANAGER"})
    @GetMapping("/{areaId}")
    AreaDetail get(@PathVariable String areaId) {
        return queries.findById(areaId).orElseThrow(() -> new NotFoundException("AREA", areaId));
    }

    @Operation(summary = "An AREA's executions, newest first: trigger, action and per-reaction outcomes, durations")
    @RolesAllowed({"ADMIN", "MANAGER"})
    @GetMapping("/{areaId}/executions")
    Page<Execution> executions(@PathVariable String areaId,
                               @RequestParam(defaultValue = "0") @Min(0) int page,
                               @Parameter(description = "page size, at most 500")
                               @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1) int size) {
        return queries.executions(areaId, page, Page.cappedSize(size))
                .orElseThrow(() -> new NotFoundException("AREA", areaId));
    }

    @Operation(summary = "An AREA's webhook deliveries that fired it, newest first")
    @RolesAllowed({"ADMIN", "MANAGER"})
    @GetMapping("/{areaId}/deliveries")
    Page<Delivery> deliveries(@PathVariable String areaId,
                              @RequestParam(defaultValue = "0") @Min(0) int page,
                              @Parameter(description = "page size, at most 500")
                              @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1) int size) {
        return queries.deliveries(areaId, page, Page.cappedSize(size))
                .orElseThrow(() -> new NotFoundException("AREA", areaId));
    }
}
