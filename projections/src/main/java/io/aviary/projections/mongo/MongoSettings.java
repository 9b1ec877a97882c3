package io.aviary.projections.mongo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where the read models live. The connection string itself is {@code spring.data.mongodb.uri}
 * ({@code AVIARY_MONGODB_URI}).
 *
 * @param database               database holding the read-model collections ({@code AVIARY_MONGO_DATABASE})
 * @param serverSelectionTimeout how long an operation waits for a reachable server before failing; short, so a
 *                               readiness probe answers DOWN quickly instead of hanging
 */
@ConfigurationProperties("aviary.mongo")
public record MongoSettings(@DefaultValue("aviary") String database,
                            @DefaultValue("5s") Duration serverSelectionTimeout) {
}
