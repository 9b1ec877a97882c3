package io.aviary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;

/**
 * {@code key=value} options as JSON object fields: {@code key=value} is a string, {@code key:=json} a raw JSON value
 * ({@code count:=3}, {@code tags:=["a","b"]}), as httpie writes them.
 */
public final class KeyValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyValues() {
    }

    public static ObjectNode parse(List<String> pairs, String option) {
        ObjectNode object = JSON.createObjectNode();
        if (pairs == null) {
            return object;
        }
        for (String pair : pairs) {
            int raw = pair.indexOf(":=");
            int eq = pair.indexOf('=');
            if (eq <= 0 && raw <= 0) {
                throw CliException.usage(option + " expects key=value or key:=json, got '" + pair + "'");
            }
            if (raw > 0 && raw < eq) {
                object.set(pair.substring(0, raw), json(pair.substring(raw + 2), option, pair));
            } else {
                object.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return object;
    }

    /** A JSON object given as an option's value (e.g. {@code --payload '{"millis":500}'}). */
    public static ObjectNode object(String text, String option) {
        JsonNode node = json(text, option, text);
        if (!node.isObject()) {
            throw CliException.usage(option + " must be a JSON object, got: " + text);
        }
        return (ObjectNode) node;
    }

    private static JsonNode json(String text, String option, String whole) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw CliException.usage(option + ": no JSON value in '" + whole + "'");
            }
            return node;
        } catch (IOException e) {
            throw CliException.usage(option + ": not valid JSON in '" + whole + "'");
        }
    }
}
