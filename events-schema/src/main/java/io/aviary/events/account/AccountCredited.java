package io.aviary.events.account;

import java.time.Instant;

/**
 * The completion reward of a task was credited to the worker that completed it (SUCCESS or WARNING). Idempotent on
 * (taskId, attempt, reason).
 *
 * @param accountId    the account
 * @param workerId     its worker
 * @param taskId       the task
 * @param attempt      the completing attempt
 * @param amount       the reward, positive
 * @param reason       {@code completion}
 * @param balanceAfter balance after the credit
 * @param creditedAt   when (the completion's time)
 */
public record AccountCredited(String accountId, String workerId, String taskId, int attempt, long amount,
                              String reason, long balanceAfter, Instant creditedAt) implements AccountEvent {
}
