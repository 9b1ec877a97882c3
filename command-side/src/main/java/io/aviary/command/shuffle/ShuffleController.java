package io.aviary.command.shuffle;

import jakarta.annotation.security.RolesAllowed;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A manager reshuffles the open tasks among the eligible workers. */
@RestController
public class ShuffleController {

    private final Shuffle shuffle;

    public ShuffleController(Shuffle shuffle) {
        this.shuffle = shuffle;
    }

    /**
     * Reassigns every open task that is not running to a random eligible worker (assigned ones to another worker);
     * running tasks stay. 202 with the counts; with no eligible worker nothing changes and the message says so.
     * 503 while the dispatcher's view is still replaying the event store after a start.
     */
    @PostMapping("/api/v1/tasks/shuffle")
    @RolesAllowed({"ADMIN", "MANAGER"})
    public ResponseEntity<ShuffleResult> shuffle() {
        try {
            return ResponseEntity.accepted().body(shuffle.shuffle());
        } catch (Shuffle.NotReadyException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
            problem.setTitle("Not ready");
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, e);
        }
    }
}
