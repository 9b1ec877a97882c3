package io.aviary.command.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/auth/refresh} and {@code POST /api/v1/auth/logout}.
 *
 * @param refreshToken the refresh token of the last login or refresh
 */
public record RefreshTokenRequest(@NotBlank @Size(max = 200) String refreshToken) {

    @Override
    public String toString() {
        return "RefreshTokenRequest[…]";
    }
}
