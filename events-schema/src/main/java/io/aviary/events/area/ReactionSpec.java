package io.aviary.events.area;

import java.util.Map;

/**
 * A Reaction of an AREA: a task that runs when the action triggered and its condition holds on the action's output.
 *
 * @param type       built-in reaction type: {@code http.post}, {@code task.create}, {@code log}
 * @param params     the type's parameters (a JSON object); templates may use {@code {{output.x.y}}}
 * @param condition  a condition over {@code output} in Aviary's safe expression language, or {@code null}/empty
 *                   (always)
 * @param connection name of a stored connection the agent uses, or {@code null}; never the secret
 */
public record ReactionSpec(String type, Map<String, Object> params, String condition, String connection) {
}
