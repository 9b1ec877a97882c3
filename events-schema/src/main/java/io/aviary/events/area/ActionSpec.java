package io.aviary.events.area;

import java.util.Map;

/**
 * The Action of an AREA: the task that runs when it fires and decides whether the reactions run.
 *
 * @param service    the service it talks to (free name, e.g. {@code github}); part of the webhook URL
 * @param type       built-in action type: {@code http.poll}, {@code webhook.received}, {@code timer.tick}
 * @param params     the type's parameters (a JSON object), e.g. {@code {url, method}} for {@code http.poll}
 * @param connection name of a stored connection (credentials) the agent uses, or {@code null}; never the secret
 */
public record ActionSpec(String service, String type, Map<String, Object> params, String connection) {
}
