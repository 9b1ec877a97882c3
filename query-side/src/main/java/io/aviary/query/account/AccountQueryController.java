package io.aviary.query.account;

import io.aviary.query.security.CurrentPrincipal;
import io.aviary.query.web.DateParameters;
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

import java.time.LocalDate;

/**
 * {@code GET /api/v1/accounts...}: balances and the audit log of every money movement. Accountants and admins see
 * every account; a person with role WORKER only their own.
 */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountQueryController {

    /** Ten years of days, the longest audit range one request may span. */
    static final int MAX_AUDIT_DAYS = 3_660;

    private final AccountQueries queries;

    AccountQueryController(AccountQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Every account with its balance and totals, by worker id")
    @RolesAllowed({"ACCOUNTANT", "ADMIN"})
    @GetMapping
    Page<Account> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                       @Parameter(description = "page size, at most 500")
                       @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1) int size) {
        return queries.find(page, Page.cappedSize(size));
    }

    @Operation(summary = "A worker's account: balance and totals",
            description = "A WORKER may read only their own account.")
    @RolesAllowed({"ACCOUNTANT", "ADMIN", "WORKER"})
    @GetMapping("/{workerId}")
    Account get(@PathVariable String workerId) {
        requireReadable(workerId);
        return queries.findById(workerId).orElseThrow(() -> new NotFoundException("account for worker", workerId));
    }

    @Operation(summary = "Every movement of a worker's account (signed amount, task, reason, time), newest first",
            description = "from/to: UTC days, both included; default: the account's first movement to today. "
                    + "A WORKER may read only their own account.")
    @RolesAllowed({"ACCOUNTANT", "ADMIN", "WORKER"})
    @GetMapping("/{workerId}/audit")
    Page<Movement> audit(@PathVariable String workerId,
                         @Parameter(description = "first UTC day, e.g. 2026-01-30") @RequestParam(required = false)
                         String from,
                         @Parameter(description = "last UTC day") @RequestParam(required = false) String to,
                         @RequestParam(defaultValue = "0") @Min(0) int page,
                         @Parameter(description = "page size, at most 500")
                         @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1) int size) {
        requireReadable(workerId);
        AccountQueries.Span span = queries.span(workerId, DateParameters.today())
                .orElseThrow(() -> new NotFoundException("account for worker", workerId));
        LocalDate last = DateParameters.parse("to", to, span.last());
        LocalDate first = DateParameters.parse("from", from, defaultFirst(span.first(), last));
        DateParameters.checkRange(first, last, MAX_AUDIT_DAYS);
        return queries.audit(workerId, first, last, page, Page.cappedSize(size))
                .orElseThrow(() -> new NotFoundException("account for worker", workerId));
    }

    /** The account's first movement, but not after {@code last} nor longer before it than one request may span. */
    private static LocalDate defaultFirst(LocalDate firstMovement, LocalDate last) {
        LocalDate earliest = last.minusDays(MAX_AUDIT_DAYS - 1L);
        if (firstMovement.isAfter(last)) {
            return last;
        }
        return firstMovement.isBefore(earliest) ? earliest : firstMovement;
    }

    /** Checked before the lookup, as for workers: whether another account exists is not a WORKER's business. */
    private static void requireReadable(String workerId) {
        CurrentPrincipal caller = CurrentPrincipal.require();
        if (!AccountAccess.mayRead(caller.workerId(), caller.roles(), workerId)) {
            throw new AccessDeniedException("A WORKER may read only their own account.");
        }
    }
}
