package io.aviary.cli.area;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.cli.output.Formats;

import java.util.Locale;

/** Short table cells for AREA parts. */
final class AreaViews {

    private AreaViews() {
    }

    /** {@code cron 0 0 9 * * * UTC}, {@code every 5 m 00 s}, {@code webhook}. */
    static String trigger(JsonNode trigger) {
        String kind = trigger.path("kind").asText("");
        return switch (kind) {
            case "CRON" -> "cron " + trigger.path("cron").asText() + " " + trigger.path("zone").asText("UTC");
            case "INTERVAL" -> "every " + Formats.durationMs(trigger.path("intervalMs").asLong());
            case "WEBHOOK" -> "webhook";
            default -> Formats.text(trigger);
        };
    }

    /** The list's trigger kind ({@code triggerKind}), or the kind inside a full {@code trigger}. */
    static String triggerKind(JsonNode area) {
        JsonNode kind = area.path("triggerKind");
        if (kind.isMissingNode()) {
            kind = area.path("trigger").path("kind");
        }
        return kind.isTextual() ? kind.asText().toLowerCase(Locale.ROOT) : Formats.NONE;
    }

    /** The list's {@code actionType}, or the type inside a full {@code action}. */
    static JsonNode actionType(JsonNode area) {
        JsonNode type = area.path("actionType");
        return type.isMissingNode() ? area.path("action").path("type") : type;
    }

    /** {@code 3 attempts, 500 ms x2.0 up to 1 m 00 s}. */
    static String retry(JsonNode policy) {
        if (!policy.isObject()) {
            return Formats.NONE;
        }
        return policy.path("maxAttempts").asInt() + " attempts, "
                + Formats.durationMs(policy.path("initialBackoffMs")) + " x" + policy.path("multiplier").asDouble()
                + " up to " + Formats.durationMs(policy.path("maxBackoffMs"));
    }

    /** {@code SUCCESS}, {@code SUCCESS, not triggered}, {@code FAILURE after 3 attempts}; {@code -} while it runs. */
    static String action(JsonNode action) {
        if (!action.isObject()) {
            return Formats.NONE;
        }
        StringBuilder text = new StringBuilder(Formats.text(action.path("outcome")));
        if (action.path("attempts").asInt(1) > 1) {
            text.append(" after ").append(action.path("attempts").asInt()).append(" attempts");
        }
        if (action.path("triggered").isBoolean() && !action.path("triggered").asBoolean()) {
            text.append(", not triggered");
        }
        return text.toString();
    }

    /**
     * {@code 2/3 ok, 1 skipped}: of the reactions that ran, how many succeeded; those whose condition did not hold
     * are skipped; while the execution runs, the ones not done yet are pending.
     */
    static String reactions(JsonNode execution) {
        JsonNode reactions = execution.path("reactions");
        int defined = execution.path("reactionsDefined").asInt(reactions.size());
        if (defined == 0 && reactions.isEmpty()) {
            return Formats.NONE;
        }
        int ran = 0;
        int ok = 0;
        int skipped = 0;
        for (JsonNode r : reactions) {
            if ("SKIPPED".equals(r.path("status").asText())
                    || (r.path("conditionHeld").isBoolean() && !r.path("conditionHeld").asBoolean())) {
                skipped++;
                continue;
            }
            ran++;
            String outcome = r.path("outcome").asText("");
            if ("SUCCEEDED".equals(r.path("status").asText()) || outcome.equals("SUCCESS")
                    || outcome.equals("WARNING")) {
                ok++;
            }
        }
        int pending = Math.max(0, defined - reactions.size());
        return ok + "/" + ran + " ok" + (skipped > 0 ? ", " + skipped + " skipped" : "")
                + (pending > 0 ? ", " + pending + " pending" : "");
    }
}
