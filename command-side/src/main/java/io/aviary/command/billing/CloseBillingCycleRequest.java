package io.aviary.command.billing;

import java.time.LocalDate;

/**
 * Optional body of {@code POST /api/v1/billing-cycles/close}.
 *
 * @param date the day to close ({@code yyyy-MM-dd}, in the billing zone); default yesterday; not in the future
 */
public record CloseBillingCycleRequest(LocalDate date) {
}
