package io.aviary.agent.assignment;

import io.aviary.agent.executor.ExecutionResult;

/**
 * The latest known state of one attempt in the processed-assignment log.
 *
 * @param assignment what to run
 * @param state      where it stands
 * @param result     the result once {@link AttemptState#EXECUTED}, else {@code null}
 */
public record LoggedAttempt(Assignment assignment, AttemptState state, ExecutionResult result) {
}
