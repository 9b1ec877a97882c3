package io.aviary.command.area;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Answer of the AREA commands.
 *
 * @param areaId  the AREA
 * @param version its definition version after the command ({@code null} when unchanged)
 * @param webhook a WEBHOOK AREA's URL and secret, only when the AREA is created (the one time the secret is shown)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AreaResponse(String areaId, Integer version, WebhookAnswer webhook) {

    /**
     * Where to send deliveries, and the secret to sign them with (HMAC-SHA256 of the raw body, keyed with this text).
     *
     * @param url    {@code <base>/webhooks/{service}/{hookId}}
     * @param secret the secret, shown once
     */
    public record WebhookAnswer(String url, String secret) {

        @Override
        public String toString() {
            return "WebhookAnswer[url=" + url + ", secret=***]";
        }
    }
}
