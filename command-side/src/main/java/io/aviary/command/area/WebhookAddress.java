package io.aviary.command.area;

/**
 * Where a WEBHOOK AREA receives deliveries: {@code /webhooks/{service}/{hookId}}.
 *
 * @param hookId  its webhook id
 * @param service its action's service
 */
public record WebhookAddress(String hookId, String service) {
}
