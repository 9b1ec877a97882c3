package io.aviary.projections.rebuild;

import jakarta.annotation.security.RolesAllowed;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * {@code /api/v1/admin/projections/{name}}: rebuild one read model from offset 0 of the event topic and follow its
 * progress. Names: {@code tasks}, {@code workers}, {@code worker_queues}, {@code accounts}, {@code account_audit},
 * {@code billing_cycles}, {@code analytics_daily}, {@code analytics_fleet}.
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
class RebuildController {

    private final RebuildService rebuilds;

    RebuildController(RebuildService rebuilds) {
        this.rebuilds = rebuilds;
    }

    /** 202 with the progress and its {@code Location}; 404 for an unknown name; 409 while one runs already. */
    @RolesAllowed("ADMIN")
    @PostMapping("/{name}/rebuild")
    ResponseEntity<RebuildProgress> rebuild(@PathVariable String name) {
        RebuildProgress progress = rebuilds.start(name);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/admin/projections/" + progress.name()))
                .body(progress);
    }

    @RolesAllowed("ADMIN")
    @GetMapping("/{name}")
    RebuildProgress progress(@PathVariable String name) {
        return rebuilds.progress(name);
    }
}
