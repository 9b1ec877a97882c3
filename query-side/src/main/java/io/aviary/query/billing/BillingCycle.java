package io.aviary.query.billing;

import java.time.Instant;
import java.util.List;

/**
 * A closed billing cycle with one page of its accounts (sorted by worker id).
 *
 * @param date             the cycle's date (in the billing time zone)
 * @param closedAt         when the last account was closed for it
 * @param accountsClosed   accounts closed for this date
 * @param negativeBalances of those, how many had a negative balance
 * @param paidOut          sum of the payouts
 * @param items            this page's accounts
 * @param page             0-based page number
 * @param size             page size
 * @param total            accounts over all pages
 */
public record BillingCycle(String date, Instant closedAt, long accountsClosed, long negativeBalances, long paidOut,
                           List<CycleAccount> items, int page, int size, long total) {
}
