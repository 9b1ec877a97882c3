package io.aviary.events.account;

import java.time.Instant;

/**
 * An account was opened for a newly registered worker, with balance 0.
 *
 * @param accountId the account
 * @param workerId  its worker
 * @param openedAt  when
 */
public record AccountOpened(String accountId, String workerId, Instant openedAt) implements AccountEvent {
}
