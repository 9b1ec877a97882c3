package io.aviary.command.auth;

import java.time.Duration;

/** Too many failed logins for this username or from this address: 429 with {@code Retry-After} until the lock ends. */
public class LoginLockedException extends RuntimeException {

    private final Duration retryAfter;

    public LoginLockedException(Duration retryAfter) {
        this("Too many failed logins for this username; try again later", retryAfter);
    }

    public LoginLockedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long the lock still lasts. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
