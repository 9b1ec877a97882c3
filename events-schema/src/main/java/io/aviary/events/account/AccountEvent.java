package io.aviary.events.account;

import io.aviary.events.AviaryEvent;

/**
 * An event of the Account aggregate (one account per worker). Money is in whole currency units. Every event carries
 * the worker id, by which read models key accounts.
 */
public interface AccountEvent extends AviaryEvent {

    /** The account (see {@link AccountIds}); differs from the worker id because aggregate ids share one store. */
    String accountId();

    /** The worker that owns the account. */
    String workerId();

    @Override
    default String aggregateId() {
        return accountId();
    }
}
