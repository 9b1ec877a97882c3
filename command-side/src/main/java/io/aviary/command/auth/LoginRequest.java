package io.aviary.command.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/auth/login}.
 *
 * @param username the login name (any case)
 * @param password the password
 */
public record LoginRequest(@NotBlank @Size(max = 100) String username, @NotNull @Size(max = 200) String password) {

    @Override
    public String toString() {
        return "LoginRequest[" + username + "]"; // never the password in a log line
    }
}
