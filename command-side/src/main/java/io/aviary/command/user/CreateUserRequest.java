package io.aviary.command.user;

import io.aviary.events.user.Role;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Body of {@code POST /api/v1/users}.
 *
 * @param username login name: letters, digits and {@code . _ @ -}; unique regardless of case (a WORKER person is also
 *                 the worker of this name)
 * @param password at least {@value Passwords#MIN_LENGTH} characters, at most {@value Passwords#MAX_BYTES} bytes
 * @param roles    one or more of ADMIN, MANAGER, ACCOUNTANT, WORKER (AGENT is for enrolled agents)
 */
public record CreateUserRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._@-]*",
                message = "must start with a letter or digit and hold only letters, digits and . _ @ -")
        String username,
        @NotNull @Size(min = Passwords.MIN_LENGTH, message = "must be at least " + Passwords.MIN_LENGTH + " characters")
        String password,
        @NotEmpty List<@NotNull Role> roles) {

    @Override
    public String toString() {
        return "CreateUserRequest[" + username + ", " + roles + "]"; // never the password in a log line
    }

    @AssertTrue(message = "must be at most " + Passwords.MAX_BYTES + " bytes in UTF-8")
    boolean isPasswordShortEnough() {
        return password == null || password.getBytes(StandardCharsets.UTF_8).length <= Passwords.MAX_BYTES;
    }

    @AssertTrue(message = "AGENT is granted by enrolment, not to users")
    boolean isWithoutAgentRole() {
        return roles == null || !roles.contains(Role.AGENT);
    }
}
