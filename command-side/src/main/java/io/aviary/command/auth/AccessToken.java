package io.aviary.command.auth;

import java.time.Instant;

/**
 * A signed access token.
 *
 * @param value     the compact JWT
 * @param kid       the key that signed it
 * @param expiresAt its {@code exp}
 * @param expiresIn its lifetime in seconds, as answered to clients
 */
public record AccessToken(String value, String kid, Instant expiresAt, long expiresIn) {
}
