package io.aviary.command.agent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/agents/token}.
 *
 * @param workerId    the enrolled agent's worker id
 * @param agentSecret its secret from the enrolment
 * @param hardwareId  the hardware it runs on (must be the enrolled one)
 */
public record AgentTokenRequest(@NotBlank @Size(max = 100) String workerId,
                                @NotBlank @Size(max = 200) String agentSecret,
                                @NotBlank @Size(max = 255) String hardwareId) {

    @Override
    public String toString() {
        return "AgentTokenRequest[" + workerId + "]";
    }
}
