package io.aviary.command.agent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/agents/enrol}.
 *
 * @param enrolmentToken the one-time token from an admin
 * @param name           the agent's worker name
 * @param hardwareId     the agent's hashed hardware id
 */
public record EnrolRequest(@NotBlank @Size(max = 200) String enrolmentToken,
                           @NotBlank @Size(max = 200) String name,
                           @NotBlank @Size(max = 255) String hardwareId) {

    @Override
    public String toString() {
        return "EnrolRequest[" + name + "]";
    }
}
