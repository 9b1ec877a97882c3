package io.aviary.query.analytics;

import io.aviary.query.analytics.AnalyticsResults.Earnings;
import io.aviary.query.analytics.AnalyticsResults.Fleet;
import io.aviary.query.analytics.AnalyticsResults.MostExpensiveTask;
import io.aviary.query.analytics.AnalyticsResults.NegativeBalances;
import io.aviary.query.web.DateParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/**
 * {@code GET /api/v1/analytics/...}: management earnings, negative balances, the most expensive task, fleet
 * throughput and latencies. Days are UTC days, except the billing-cycle date of negative balances (the billing
 * time zone's day). Ranges include both ends.
 */
@RestController
@RequestMapping("/api/v1/analytics")
@RolesAllowed({"ADMIN", "MANAGER"})
class AnalyticsQueryController {

    static final int MAX_EARNINGS_DAYS = 366;
    static final int MAX_FLEET_DAYS = 92;

    private final DailyAnalyticsQueries daily;
    private final FleetAnalyticsQueries fleet;

    AnalyticsQueryController(DailyAnalyticsQueries daily, FleetAnalyticsQueries fleet) {
        this.daily = daily;
        this.fleet = fleet;
    }

    @Operation(summary = "Management earnings per day: fees charged − rewards paid that day",
            description = "Default: the last 7 days up to today; at most 366 days.")
    @GetMapping("/earnings")
    Earnings earnings(@Parameter(description = "first UTC day, e.g. 2026-01-30") @RequestParam(required = false)
                      String from,
                      @Parameter(description = "last UTC day (default today)") @RequestParam(required = false)
                      String to) {
        LocalDate last = DateParameters.parse("to", to, DateParameters.today());
        LocalDate first = DateParameters.parse("from", from, last.minusDays(6));
        DateParameters.checkRange(first, last, MAX_EARNINGS_DAYS);
        return daily.earnings(first, last);
    }

    @Operation(summary = "How many accounts were negative at the billing-cycle close of a date",
            description = "For a date whose cycle is not closed yet: how many accounts are negative now "
                    + "(closed=false). Default: today.")
    @GetMapping("/negative-balances")
    NegativeBalances negativeBalances(@Parameter(description = "billing-cycle date, e.g. 2026-01-30")
                                      @RequestParam(required = false) String date) {
        return daily.negativeBalances(DateParameters.parse("date", date, DateParameters.today()));
    }

    @Operation(summary = "The highest reward among tasks completed in the day, ISO week (Monday to Sunday) or "
            + "calendar month containing a date")
    @GetMapping("/most-expensive-task")
    MostExpensiveTask mostExpensiveTask(@Parameter(description = "day, week or month (default day)")
                                        @RequestParam(defaultValue = "day") String period,
                                        @Parameter(description = "a UTC day in the period (default today)")
                                        @RequestParam(required = false) String at) {
        return daily.mostExpensiveTask(Periods.parse(period), DateParameters.parse("at", at, DateParameters.today()));
    }

    @Operation(summary = "Per task type: throughput, outcome rates, dispatch latency and queue wait percentiles; "
            + "worker utilisation",
            description = "Whole UTC days, both included (default today); at most 92 days.")
    @GetMapping("/fleet")
    Fleet fleet(@Parameter(description = "first UTC day") @RequestParam(required = false) String from,
                @Parameter(description = "last UTC day") @RequestParam(required = false) String to) {
        LocalDate last = DateParameters.parse("to", to, DateParameters.today());
        LocalDate first = DateParameters.parse("from", from, last);
        DateParameters.checkRange(first, last, MAX_FLEET_DAYS);
        return fleet.fleet(first, last);
    }
}
