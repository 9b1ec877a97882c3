package io.aviary.command.area.webhook;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * AREA webhooks ({@code aviary.areas.webhooks.*}).
 *
 * @param baseUrl            the public base URL senders reach this service at, for the webhook URLs shown to users
 *                           (env {@code AVIARY_WEBHOOK_BASE_URL}, e.g. {@code https://aviary.example.com});
 *                           unset: the base URL of the request that created the AREA
 * @param maxBodySize        largest delivery body accepted; larger ones are answered 413 (env
 *                           {@code AVIARY_AREAS_WEBHOOKS_MAXBODYSIZE}, e.g. {@code 256KB})
 * @param limitForPeriod     deliveries accepted per hook and replica in each {@code limitRefreshPeriod}; more are
 *                           answered 429 with {@code Retry-After} (env {@code AVIARY_AREAS_WEBHOOKS_LIMITFORPERIOD})
 * @param limitRefreshPeriod the rate limit's period (env {@code AVIARY_AREAS_WEBHOOKS_LIMITREFRESHPERIOD})
 */
@Validated
@ConfigurationProperties("aviary.areas.webhooks")
public record WebhookProperties(
        String baseUrl,
        @NotNull @DefaultValue("256KB") DataSize maxBodySize,
        @Min(1) @DefaultValue("20") int limitForPeriod,
        @NotNull @DefaultValue("1s") Duration limitRefreshPeriod) {
}
