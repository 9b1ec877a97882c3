package io.aviary.command.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The accounts a billing cycle closes, as {@link BillingAccountsProjection} sees them. */
public interface BillingAccounts {

    /** An account was opened; a repeat changes nothing. */
    void opened(String accountId, String workerId, Instant openedAt);

    /** An account closed the cycle of {@code date} (an older date than the one known changes nothing). */
    void closed(String accountId, LocalDate date);

    /** Every account opened before {@code end}, in id order. */
    List<String> openedBefore(Instant end);

    /** The accounts opened before {@code end} that have not closed {@code date} (nor a later date), in id order. */
    List<String> notClosed(LocalDate date, Instant end);
}
