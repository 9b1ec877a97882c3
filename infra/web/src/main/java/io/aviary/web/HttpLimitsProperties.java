package io.aviary.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP API ({@code aviary.http.*}).
 *
 * @param maxBodySize largest request body accepted; a larger one is answered 413 problem+json without being read.
 *                    Env AVIARY_HTTP_MAX_BODY_SIZE.
 */
@ConfigurationProperties("aviary.http")
public record HttpLimitsProperties(@DefaultValue("1MB") DataSize maxBodySize) {

    public HttpLimitsProperties {
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("aviary.http.max-body-size must be positive");
        }
    }
}
