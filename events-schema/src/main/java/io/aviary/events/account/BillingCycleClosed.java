package io.aviary.events.account;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A billing cycle (a day) was closed for an account. Idempotent per (account, cycleDate).
 *
 * @param accountId the account
 * @param workerId  its worker
 * @param cycleDate the day that was closed (in the configured billing time zone)
 * @param balance   the balance at closing, before any payout
 * @param closedAt  when
 */
public record BillingCycleClosed(String accountId, String workerId, LocalDate cycleDate, long balance,
                                 Instant closedAt) implements AccountEvent {
}
