package io.aviary.query.billing;

import io.aviary.query.web.BadParameterException;
import io.aviary.query.web.DateParameters;
import io.aviary.query.web.NotFoundException;
import io.aviary.query.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/** {@code GET /api/v1/billing-cycles?date=}: a closed cycle, every account's balance at the close and its payout. */
@RestController
@RequestMapping("/api/v1/billing-cycles")
class BillingCycleQueryController {

    private final BillingCycleQueries queries;

    BillingCycleQueryController(BillingCycleQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "The billing cycle of a date: per account the balance at the close and the payout",
            description = "404 while no cycle was closed for the date.")
    @RolesAllowed({"ACCOUNTANT", "ADMIN"})
    @GetMapping
    BillingCycle get(@Parameter(description = "the cycle's date, e.g. 2026-01-30", required = true)
                     @RequestParam String date,
                     @RequestParam(defaultValue = "0") @Min(0) int page,
                     @Parameter(description = "page size, at most 500")
                     @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1) int size) {
        LocalDate day = DateParameters.parse("date", date, null);
        if (day == null) {
            throw new BadParameterException("date", "'date' is required, e.g. 2026-01-30");
        }
        return queries.find(day, page, Page.cappedSize(size))
                .orElseThrow(() -> new NotFoundException("billing cycle", day.toString()));
    }
}
