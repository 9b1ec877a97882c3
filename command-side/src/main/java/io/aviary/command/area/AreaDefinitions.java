package io.aviary.command.area;

import io.aviary.command.area.condition.Conditions;
import io.aviary.command.area.condition.InvalidConditionException;
import io.aviary.command.web.InvalidFieldsException;
import io.aviary.command.web.InvalidFieldsException.FieldProblem;
import io.aviary.events.area.ActionSpec;
import io.aviary.events.area.MisfirePolicy;
import io.aviary.events.area.ReactionSpec;
import io.aviary.events.area.RetryPolicy;
import io.aviary.events.area.TriggerKind;
import io.aviary.events.area.TriggerSpec;
import org.springframework.scheduling.support.CronExpression;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks an AREA definition beyond Bean Validation and turns it into the event contract's value records, with the
 * defaults filled in. Every problem names its field ({@code trigger.cron}, {@code reactions[1].condition}, ...); all
 * problems of a request are reported at once.
 */
public final class AreaDefinitions {

    /** The definition as it is stored in events. */
    public record Definition(String name, ActionSpec action, TriggerSpec trigger, List<ReactionSpec> reactions,
                             RetryPolicy retryPolicy) {
    }

    /** Smallest INTERVAL period. */
    public static final long MIN_INTERVAL_MS = 1_000;
    /** Largest INTERVAL period: a year. */
    public static final long MAX_INTERVAL_MS = 366L * 24 * 3600 * 1000;
    public static final RetryPolicy DEFAULT_RETRY_POLICY = new RetryPolicy(3, 500, 2.0, 60_000);
    private static final Set<String> POLL_METHODS = Set.of("GET", "HEAD", "POST");

    private final Predicate<String> connectionExists;

    /** @param connectionExists whether a connection of that name is stored */
    public AreaDefinitions(Predicate<String> connectionExists) {
        this.connectionExists = connectionExists;
    }

    /**
     * @throws InvalidFieldsException naming every field that is wrong
     */
    public Definition validate(AreaRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        TriggerSpec trigger = trigger(request.trigger(), problems);
        ActionSpec action = action(request.action(), request.trigger().kind(), problems);
        List<ReactionSpec> reactions = new ArrayList<>();
        for (int i = 0; i < request.reactions().size(); i++) {
            reactions.add(reaction(request.reactions().get(i), "reactions[" + i + "]", problems));
        }
        RetryPolicy retryPolicy = retryPolicy(request.retryPolicy(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidFieldsException(problems);
        }
        return new Definition(request.name().trim(), action, trigger, List.copyOf(reactions), retryPolicy);
    }

    private static TriggerSpec trigger(AreaRequest.Trigger trigger, List<FieldProblem> problems) {
        TriggerKind kind = trigger.kind();
        MisfirePolicy misfire = trigger.misfire() != null ? trigger.misfire() : MisfirePolicy.FIRE_ONCE_NOW;
        notFor(kind, TriggerKind.CRON, "trigger.cron", trigger.cron(), problems);
        notFor(kind, TriggerKind.CRON, "trigger.zone", trigger.zone(), problems);
        notFor(kind, TriggerKind.INTERVAL, "trigger.intervalMs", trigger.intervalMs(), problems);
        switch (kind) {
            case CRON -> {
                ZoneId zone = zone(trigger.zone(), problems);
                String cron = cron(trigger.cron(), zone, problems);
                return new TriggerSpec(kind, cron, zone == null ? null : zone.getId(), null, misfire);
            }
            case INTERVAL -> {
                Long interval = trigger.intervalMs();
                if (interval == null) {
                    problems.add(new FieldProblem("trigger.intervalMs", "is required for an INTERVAL trigger"));
                } else if (interval < MIN_INTERVAL_MS || interval > MAX_INTERVAL_MS) {
                    problems.add(new FieldProblem("trigger.intervalMs", "must be between " + MIN_INTERVAL_MS
                            + " and " + MAX_INTERVAL_MS + " (milliseconds), was " + interval));
                }
                return new TriggerSpec(kind, null, null, interval, misfire);
            }
            default -> {
                if (trigger.misfire() != null) {
                    problems.add(new FieldProblem("trigger.misfire", "is only for CRON and INTERVAL triggers"));
                }
                return new TriggerSpec(kind, null, null, null, null);
            }
        }
    }

    private static void notFor(TriggerKind kind, TriggerKind owner, String field, Object value,
                               List<FieldProblem> problems) {
        if (kind != owner && value != null) {
            problems.add(new FieldProblem(field, "is only for a " + owner + " trigger, this one is " + kind));
        }
    }

    private static ZoneId zone(String zone, List<FieldProblem> problems) {
        if (zone == null || zone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            problems.add(new FieldProblem("trigger.zone", "is not a known time zone: '" + zone + "'"));
            return null;
        }
    }

    private static String cron(String cron, ZoneId zone, List<FieldProblem> problems) {
        if (cron == null || cron.isBlank()) {
            problems.add(new FieldProblem("trigger.cron", "is required for a CRON trigger"));
            return null;
        }
        try {
            CronExpression expression = CronExpression.parse(cron.trim());
            if (zone != null && expression.next(Instant.now().atZone(zone)) == null) {
                problems.add(new FieldProblem("trigger.cron", "never fires: '" + cron + "'"));
            }
            return cron.trim();
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("trigger.cron", "is not a valid cron expression (6 fields, seconds "
                    + "first, e.g. '0 0/5 * * * *'): " + e.getMessage()));
            return null;
        }
    }

    private ActionSpec action(AreaRequest.Action action, TriggerKind kind, List<FieldProblem> problems) {
        Map<String, Object> params = params(action.params());
        String type = action.type().trim();
        if (!BuiltInTypes.ACTIONS.contains(type)) {
            problems.add(new FieldProblem("action.type", "is not a known action type: '" + type + "' (known: "
                    + String.join(", ", BuiltInTypes.ACTIONS) + ")"));
        } else if (type.equals(BuiltInTypes.WEBHOOK_RECEIVED) != (kind == TriggerKind.WEBHOOK)) {
            problems.add(new FieldProblem("action.type", type.equals(BuiltInTypes.WEBHOOK_RECEIVED)
                    ? "webhook.received needs a WEBHOOK trigger"
                    : "a WEBHOOK trigger needs the action webhook.received"));
        }
        if (type.equals(BuiltInTypes.HTTP_POLL)) {
            url(params.get("url"), "action.params.url", problems);
            Object method = params.get("method");
            if (method != null && !(method instanceof String m && POLL_METHODS.contains(m.toUpperCase(Locale.ROOT)))) {
                problems.add(new FieldProblem("action.params.method", "must be one of " + POLL_METHODS));
            }
            condition(params.get("condition"), "action.params.condition", problems);
        }
        String connection = connection(action.connection(), "action.connection", problems);
        return new ActionSpec(action.service(), type, params, connection);
    }

    private ReactionSpec reaction(AreaRequest.Reaction reaction, String field, List<FieldProblem> problems) {
        Map<String, Object> params = params(reaction.params());
        String type = reaction.type().trim();
        switch (type) {
            case BuiltInTypes.HTTP_POST -> url(params.get("url"), field + ".params.url", problems);
            case BuiltInTypes.TASK_CREATE -> {
                if (!(params.get("type") instanceof String taskType) || taskType.isBlank()) {
                    problems.add(new FieldProblem(field + ".params.type", "is required: the type of the task to "
                            + "create"));
                }
                Object payload = params.get("payload");
                if (payload != null && !(payload instanceof Map) && !(payload instanceof String)) {
                    problems.add(new FieldProblem(field + ".params.payload", "must be a JSON object (or a "
                            + "template of one)"));
                }
            }
            case BuiltInTypes.LOG -> {
                if (params.get("message") != null && !(params.get("message") instanceof String)) {
                    problems.add(new FieldProblem(field + ".params.message", "must be a string"));
                }
            }
            default -> problems.add(new FieldProblem(field + ".type", "is not a known reaction type: '" + type
                    + "' (known: " + String.join(", ", BuiltInTypes.REACTIONS) + ")"));
        }
        String condition = condition(reaction.condition(), field + ".condition", problems);
        String connection = connection(reaction.connection(), field + ".connection", problems);
        return new ReactionSpec(type, params, condition, connection);
    }

    private static String condition(Object condition, String field, List<FieldProblem> problems) {
        if (condition == null) {
            return null;
        }
        if (!(condition instanceof String text)) {
            problems.add(new FieldProblem(field, "must be a string"));
            return null;
        }
        try {
            Conditions.parse(text);
            return Conditions.isAlways(text) ? null : text.trim();
        } catch (InvalidConditionException e) {
            problems.add(new FieldProblem(field, e.getMessage()));
            return null;
        }
    }

    private String connection(String name, String field, List<FieldProblem> problems) {
        if (name == null || name.isBlank()) {
            return null;
        }
        if (!connectionExists.test(name.trim())) {
            problems.add(new FieldProblem(field, "is not a known connection: '" + name + "'"));
        }
        return name.trim();
    }

    private static void url(Object url, String field, List<FieldProblem> problems) {
        if (!(url instanceof String text) || text.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
            return;
        }
        try {
            URI uri = URI.create(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                problems.add(new FieldProblem(field, "must be an absolute http(s) URL"));
            }
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(field, "is not a valid URL"));
        }
    }

    private static RetryPolicy retryPolicy(AreaRequest.Retry retry, List<FieldProblem> problems) {
        RetryPolicy defaults = DEFAULT_RETRY_POLICY;
        if (retry == null) {
            return defaults;
        }
        RetryPolicy policy = new RetryPolicy(
                retry.maxAttempts() != null ? retry.maxAttempts() : defaults.maxAttempts(),
                retry.initialBackoffMs() != null ? retry.initialBackoffMs() : defaults.initialBackoffMs(),
                retry.multiplier() != null ? retry.multiplier() : defaults.multiplier(),
                retry.maxBackoffMs() != null ? retry.maxBackoffMs() : defaults.maxBackoffMs());
        if (policy.maxBackoffMs() < policy.initialBackoffMs()) {
            problems.add(new FieldProblem("retryPolicy.maxBackoffMs", "must not be smaller than initialBackoffMs ("
                    + policy.initialBackoffMs() + ")"));
        }
        return policy;
    }

    private static Map<String, Object> params(Map<String, Object> params) {
        // Not Map.copyOf: JSON objects may hold null values.
        return params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
    }
}
