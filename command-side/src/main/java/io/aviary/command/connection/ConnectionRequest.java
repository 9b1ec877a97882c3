package io.aviary.command.connection;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/connections}: a named credential. Write-only: no answer ever shows it again (except to
 * an agent that runs a task using it).
 *
 * @param name     how AREAs refer to it (letters, digits, {@code . _ -}, at most 64)
 * @param type     {@code bearer} (needs {@code token}) or {@code basic} (needs {@code username} and {@code password})
 * @param token    the bearer token
 * @param username the basic-auth user
 * @param password the basic-auth password
 */
public record ConnectionRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
                message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String name,
        @NotBlank @Pattern(regexp = "bearer|basic", message = "must be 'bearer' or 'basic'") String type,
        @Size(max = 8192) String token,
        @Size(max = 256) String username,
        @Size(max = 1024) String password) {

    @Override
    public String toString() {
        return "ConnectionRequest[name=" + name + ", type=" + type + ", secret=***]";
    }
}
