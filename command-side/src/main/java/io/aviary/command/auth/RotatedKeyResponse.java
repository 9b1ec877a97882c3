package io.aviary.command.auth;

import java.time.Instant;

/**
 * Answer of a key rotation.
 *
 * @param kid         the new key's id, in the JWKS from now on
 * @param activatesAt when it starts signing (the previous key retires then)
 */
public record RotatedKeyResponse(String kid, Instant activatesAt) {
}
