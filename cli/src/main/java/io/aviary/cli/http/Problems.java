package io.aviary.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** Turns an error answer into one readable line: {@code title: detail} for RFC 9457 problem details. */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 200;

    private Problems() {
    }

    public static String line(int status, String body) {
        JsonNode problem = parse(body);
        String title = text(problem, "title");
        String detail = text(problem, "detail");
        if (title != null && detail != null) {
            // "Invalid request: Invalid request: type must not be blank" says the title twice
            return oneLine(detail.startsWith(title) ? detail : title + ": " + detail);
        }
        if (title != null || detail != null) {
            return oneLine((title != null ? title : detail) + " (HTTP " + status + ")");
        }
        String error = text(problem, "error"); // Spring's default error body, should one slip through
        if (error != null) {
            return oneLine("HTTP " + status + " " + error);
        }
        String raw = body == null ? "" : body.strip();
        if (raw.isEmpty() || raw.startsWith("<")) {
            return "HTTP " + status;
        }
        return oneLine("HTTP " + status + ": " + (raw.length() > MAX_BODY ? raw.substring(0, MAX_BODY) + "…" : raw));
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
