package io.aviary.events.account;

import java.time.Instant;

/**
 * The assignment fee of a task was charged to the worker it was assigned (or reassigned) to. Idempotent on
 * (taskId, attempt, reason).
 *
 * @param accountId    the account
 * @param workerId     its worker
 * @param taskId       the task
 * @param attempt      the attempt the assignment started
 * @param amount       the fee, positive
 * @param reason       {@code assignment} or {@code reassignment}
 * @param balanceAfter balance after the charge
 * @param chargedAt    when (the assignment's time)
 */
public record AccountCharged(String accountId, String workerId, String taskId, int attempt, long amount,
                             String reason, long balanceAfter, Instant chargedAt) implements AccountEvent {
}
