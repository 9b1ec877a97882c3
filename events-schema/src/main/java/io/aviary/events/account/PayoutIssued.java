package io.aviary.events.account;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A positive balance was paid out at a cycle close; the balance is 0 afterwards.
 *
 * @param accountId the account
 * @param workerId  its worker
 * @param cycleDate the closed day
 * @param amount    paid amount, positive
 * @param issuedAt  when
 */
public record PayoutIssued(String accountId, String workerId, LocalDate cycleDate, long amount, Instant issuedAt)
        implements AccountEvent {
}
