package io.aviary.query.area;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;

/**
 * Where webhook senders reach the command side ({@code aviary.areas.webhooks.*}), to show an AREA's webhook URL.
 *
 * @param baseUrl the public base URL of the command side, the same setting the command side uses for the URL it
 *                answers at creation ({@code AVIARY_AREAS_WEBHOOKS_BASEURL}; default {@code AVIARY_COMMAND_URL}, else
 *                {@code http://localhost:8080})
 */
@ConfigurationProperties("aviary.areas.webhooks")
public record WebhookUrlProperties(@DefaultValue("http://localhost:8080") URI baseUrl) {

    /** The full URL of a webhook path such as {@code /webhooks/github/<hookId>}. */
    public String url(String path) {
        String base = baseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
