package io.aviary.command.billing;

import jakarta.annotation.security.RolesAllowed;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/** An accountant closes a billing cycle by hand (the scheduler closes each day on its own). */
@RestController
@RequestMapping("/api/v1/billing-cycles")
public class BillingCycleController {

    private final BillingCycles cycles;

    public BillingCycleController(BillingCycles cycles) {
        this.cycles = cycles;
    }

    /**
     * Closes a day for every account that existed during it: per account {@code BillingCycleClosed(balance)}, and a
     * {@code PayoutIssued} for a positive balance. Closing a day again changes nothing. 400 for a future day.
     */
    @PostMapping("/close")
    @RolesAllowed({"ACCOUNTANT", "ADMIN"})
    public ResponseEntity<CloseBillingCycleResponse> close(
            @RequestBody(required = false) CloseBillingCycleRequest request) {
        LocalDate date = request != null && request.date() != null ? request.date() : cycles.defaultDate();
        if (cycles.isFuture(date)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The billing cycle of " + date + " has not begun yet: only today or an earlier day can be closed");
            problem.setTitle("Invalid request");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return ResponseEntity.accepted().body(CloseBillingCycleResponse.of(cycles.close(date)));
    }
}
