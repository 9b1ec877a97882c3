package io.aviary.cli.area;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aviary.cli.CliException;
import io.aviary.cli.KeyValues;

import java.io.IOException;
import java.util.List;

/**
 * The body of {@code POST /api/v1/areas}: {@code {name, action{service,type,params,connection?},
 * trigger{kind,cron,zone,intervalMs,misfire}, reactions[{type,params,condition,connection?}], retryPolicy{...}}},
 * built from a JSON or YAML file or from options.
 */
final class AreaDefinition {

    /** The task retry defaults of the platform, sent when no retry option is given. */
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final long DEFAULT_INITIAL_BACKOFF_MS = 500;
    static final double DEFAULT_MULTIPLIER = 2.0;
    static final long DEFAULT_MAX_BACKOFF_MS = 60_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private AreaDefinition() {
    }

    /** A definition file: JSON when it starts with '{', otherwise YAML. */
    static ObjectNode parse(String text, String source) {
        String trimmed = text.strip();
        JsonNode node;
        try {
            node = trimmed.startsWith("{") ? JSON.readTree(trimmed) : YAML.readTree(trimmed);
        } catch (IOException e) {
            throw CliException.usage(source + " is neither valid JSON nor YAML: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw CliException.usage(source + " must hold one AREA definition (an object)");
        }
        return (ObjectNode) node;
    }

    /** An action: {@code service} defaults to the type's prefix ({@code http} for {@code http.poll}). */
    static ObjectNode action(String type, String service, List<String> params, String connection) {
        ObjectNode action = JsonNodeFactory.instance.objectNode();
        action.put("service", service != null ? service : prefix(type));
        action.put("type", type);
        action.set("params", KeyValues.parse(params, "--param"));
        if (connection != null) {
            action.put("connection", connection);
        }
        return action;
    }

    static ObjectNode cron(String expression, String zone, String misfire) {
        ObjectNode trigger = JsonNodeFactory.instance.objectNode().put("kind", "CRON").put("cron", expression)
                .put("zone", zone);
        return misfire(trigger, misfire);
    }

    static ObjectNode interval(long intervalMs, String misfire) {
        return misfire(JsonNodeFactory.instance.objectNode().put("kind", "INTERVAL").put("intervalMs", intervalMs),
                misfire);
    }

    static ObjectNode webhook() {
        return JsonNodeFactory.instance.objectNode().put("kind", "WEBHOOK");
    }

    static ObjectNode reaction(String type, List<String> params, String condition, String connection) {
        ObjectNode reaction = JsonNodeFactory.instance.objectNode().put("type", type);
        reaction.set("params", KeyValues.parse(params, "--reaction-param"));
        if (condition != null) {
            reaction.put("condition", condition);
        }
        if (connection != null) {
            reaction.put("connection", connection);
        }
        return reaction;
    }

    static ObjectNode retryPolicy(Integer maxAttempts, Long initialBackoffMs, Double multiplier, Long maxBackoffMs) {
        return JsonNodeFactory.instance.objectNode()
                .put("maxAttempts", maxAttempts != null ? maxAttempts : DEFAULT_MAX_ATTEMPTS)
                .put("initialBackoffMs", initialBackoffMs != null ? initialBackoffMs : DEFAULT_INITIAL_BACKOFF_MS)
                .put("multiplier", multiplier != null ? multiplier : DEFAULT_MULTIPLIER)
                .put("maxBackoffMs", maxBackoffMs != null ? maxBackoffMs : DEFAULT_MAX_BACKOFF_MS);
    }

    static ObjectNode of(String name, ObjectNode action, ObjectNode trigger, List<ObjectNode> reactions,
                         ObjectNode retryPolicy) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name);
        body.set("action", action);
        body.set("trigger", trigger);
        ArrayNode list = body.putArray("reactions");
        reactions.forEach(list::add);
        body.set("retryPolicy", retryPolicy);
        return body;
    }

    private static ObjectNode misfire(ObjectNode trigger, String misfire) {
        if (misfire != null) {
            trigger.put("misfire", misfire);
        }
        return trigger;
    }

    private static String prefix(String type) {
        int dot = type.indexOf('.');
        return dot > 0 ? type.substring(0, dot) : type;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
