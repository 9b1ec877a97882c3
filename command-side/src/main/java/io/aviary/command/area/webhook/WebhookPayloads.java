package io.aviary.command.area.webhook;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A delivery body as {@code AreaFired.payload}: the JSON object when it is one, else {@code {"raw": "<body as
 * UTF-8>"}} (a JSON array, a form, plain text); {@code {}} for an empty body. The body is already capped.
 */
final class WebhookPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private WebhookPayloads() {
    }

    static Map<String, Object> of(byte[] body) {
        if (body.length == 0) {
            return Map.of();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.stripLeading().startsWith("{")) {
            try {
                Map<String, Object> object = JSON.readValue(body, OBJECT);
                if (object != null) {
                    return object;
                }
            } catch (IOException notJson) {
                // falls through: kept as text
            }
        }
        return Map.of("raw", text);
    }
}
