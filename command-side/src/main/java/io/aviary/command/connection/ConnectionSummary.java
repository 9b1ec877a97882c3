package io.aviary.command.connection;

import java.time.Instant;

/**
 * A connection as listed: never its secret.
 *
 * @param name      its name
 * @param type      {@code bearer} or {@code basic}
 * @param createdBy who stored it
 * @param createdAt when
 */
public record ConnectionSummary(String name, String type, String createdBy, Instant createdAt) {
}
