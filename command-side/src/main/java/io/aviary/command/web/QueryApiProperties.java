package io.aviary.command.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;

/**
 * Where clients read what they changed: command answers carry a {@code Location} on the query side.
 *
 * @param queryBaseUrl base URL of the query API (env {@code AVIARY_QUERY_BASE_URL})
 */
@Validated
@ConfigurationProperties("aviary")
public record QueryApiProperties(@NotNull @DefaultValue("http://localhost:8081") URI queryBaseUrl) {

    /** {@code <queryBaseUrl>/api/v1/<collection>/<id>}. */
    public URI locationOf(String collection, String id) {
        return UriComponentsBuilder.fromUri(queryBaseUrl)
                .pathSegment("api", "v1", collection, id)
                .build()
                .toUri();
    }
}
