package io.aviary.agent.executor.area;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{output.a.b}}} placeholders in reaction parameters with values of the action's output. Deliberately
 * tiny and safe: a placeholder is a dotted path (letters, digits, {@code _}, {@code -}; a number indexes a list),
 * looked up in a map of roots; nothing is evaluated, nothing but the given maps is reachable. Rules:
 * <ul>
 *     <li>a missing key (or a path through a non-object) renders as the empty string;</li>
 *     <li>{@code {{...}}} that is not a path (e.g. {@code {{output.a + 1}}}) is not a placeholder and stays as
 *     written, so a mistake is visible in the result;</li>
 *     <li>{@link #text}: strings as they are, numbers and booleans as text, objects and lists as compact JSON;</li>
 *     <li>{@link #json}: the template is JSON text. A placeholder inside a JSON string gets the text above escaped as
 *     string content; one outside a string becomes a JSON value ({@code "text"}, {@code 42}, {@code {...}}, and
 *     {@code ""} when missing). So a value can never end a string early or add members: a body that was valid
 *     JSON stays valid JSON;</li>
 *     <li>{@link #structure}: a JSON structure (maps, lists) whose string leaves are templates; a leaf that is exactly
 *     one placeholder takes the value itself, with its type.</li>
 * </ul>
 */
public final class Template {

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_-]+)*)\\s*}}");

    private final Map<String, Object> roots;
    private final ObjectMapper json;

    /**
     * @param roots what paths start with, e.g. {@code {output: <action output>}}
     */
    public Template(Map<String, Object> roots, ObjectMapper json) {
        this.roots = roots;
        this.json = json;
    }

    /**
     * The template of a reaction task: its payload holds the action's output under {@code output} (the orchestrator
     * puts it there). Roots: {@code output} (that output) and {@code payload} (short for {@code output.payload}: the
     * delivery of a webhook AREA).
     */
    public static Template forReaction(Map<String, Object> taskPayload, ObjectMapper json) {
        Object output = taskPayload.get("output");
        Map<String, Object> roots = new LinkedHashMap<>();
        roots.put("output", output instanceof Map<?, ?> ? output : Map.of());
        roots.put("payload", output instanceof Map<?, ?> map && map.get("payload") != null ? map.get("payload")
                : Map.of());
        return new Template(roots, json);
    }

    /** Renders a plain-text template (a log message, a header value). */
    public String text(String template) {
        return render(template, false);
    }

    /** Renders a template that is JSON text: every value is escaped for where it stands. */
    public String json(String template) {
        return render(template, true);
    }

    /** Renders the string leaves of a JSON structure (maps, lists, scalars); returns a new structure. */
    public Object structure(Object template) {
        if (template instanceof Map<?, ?> map) {
            Map<String, Object> rendered = new LinkedHashMap<>();
            map.forEach((key, value) -> rendered.put(String.valueOf(key), structure(value)));
            return rendered;
        }
        if (template instanceof List<?> list) {
            List<Object> rendered = new ArrayList<>(list.size());
            list.forEach(value -> rendered.add(structure(value)));
            return rendered;
        }
        if (template instanceof String text) {
            Matcher whole = PLACEHOLDER.matcher(text);
            if (whole.matches()) {
                Object value = lookup(whole.group(1));
                return value == null ? "" : value;
            }
            return text(text);
        }
        return template;
    }

    /** The value at a dotted path, or {@code null} when any step is missing. */
    public Object lookup(String path) {
        Object current = roots;
        for (String step : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step.chars().allMatch(Character::isDigit)
                    && step.length() < 10 && Integer.parseInt(step) < list.size()) {
                current = list.get(Integer.parseInt(step));
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private String render(String template, boolean jsonText) {
        if (template == null) {
            return "";
        }
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length());
        JsonLexer lexer = new JsonLexer();
        int from = 0;
        while (placeholder.find()) {
            String literal = template.substring(from, placeholder.start());
            out.append(literal);
            lexer.read(literal);
            Object value = lookup(placeholder.group(1));
            if (!jsonText) {
                out.append(asText(value));
            } else if (lexer.inString()) {
                out.append(JsonStringEncoder.getInstance().quoteAsString(asText(value)));
            } else {
                out.append(asJsonValue(value));
            }
            from = placeholder.end();
        }
        out.append(template, from, template.length());
        return out.toString();
    }

    private String asText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return write(value);
        }
        return value.toString();
    }

    private String asJsonValue(Object value) {
        return write(value == null ? "" : value);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Just enough of a JSON lexer to know whether a position is inside a string. */
    private static final class JsonLexer {

        private boolean inString;
        private boolean escaped;

        void read(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (escaped) {
                    escaped = false;
                } else if (inString && c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = !inString;
                }
            }
        }

        boolean inString() {
            return inString;
        }
    }
}
