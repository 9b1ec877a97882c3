package io.aviary.command.agent;

import java.time.Instant;

/**
 * Answer of {@code POST /api/v1/agents/enrolment-tokens}.
 *
 * @param token     the one-time enrolment token (shown once, stored only hashed)
 * @param expiresAt when it stops working
 */
public record EnrolmentTokenResponse(String token, Instant expiresAt) {
}
