package io.aviary.command.agent;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/agents/enrolment-tokens} (optional).
 *
 * @param name       the only worker name the token may enrol (optional: any name)
 * @param ttlMinutes how long the token works (default {@code aviary.auth.enrolment-token-ttl}, 60 minutes)
 */
public record CreateEnrolmentTokenRequest(@Size(min = 1, max = 200) String name,
                                          @Min(1) @Max(43_200) Integer ttlMinutes) {
}
