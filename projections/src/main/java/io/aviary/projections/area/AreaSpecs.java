package io.aviary.projections.area;

import io.aviary.events.area.ActionSpec;
import io.aviary.events.area.MisfirePolicy;
import io.aviary.events.area.ReactionSpec;
import io.aviary.events.area.RetryPolicy;
import io.aviary.events.area.TriggerKind;
import io.aviary.events.area.TriggerSpec;
import io.aviary.projections.mongo.Bson;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An AREA's definition (action, trigger, reactions, retry policy) as the {@code areas} document stores it. */
final class AreaSpecs {

    private AreaSpecs() {
    }

    static Document action(ActionSpec action) {
        if (action == null) {
            return null;
        }
        return new Document("service", action.service())
                .append("type", action.type())
                .append("params", params(action.params()))
                .append("connection", action.connection());
    }

    static Document trigger(TriggerSpec trigger) {
        if (trigger == null) {
            return null;
        }
        return new Document("kind", name(trigger.kind()))
                .append("cron", trigger.cron())
                .append("zone", trigger.zone())
                .append("intervalMs", trigger.intervalMs())
                .append("misfire", name(trigger.misfire()));
    }

    /** The trigger back from its document (to compute the next fire), or {@code null}. */
    static TriggerSpec trigger(Document trigger) {
        if (trigger == null || trigger.getString("kind") == null) {
            return null;
        }
        Object interval = trigger.get("intervalMs");
        String misfire = trigger.getString("misfire");
        return new TriggerSpec(TriggerKind.valueOf(trigger.getString("kind")), trigger.getString("cron"),
                trigger.getString("zone"), interval instanceof Number number ? number.longValue() : null,
                misfire == null ? null : MisfirePolicy.valueOf(misfire));
    }

    static List<Document> reactions(List<ReactionSpec> reactions) {
        List<Document> documents = new ArrayList<>();
        if (reactions == null) {
            return documents;
        }
        for (int index = 0; index < reactions.size(); index++) {
            ReactionSpec reaction = reactions.get(index);
            documents.add(new Document("index", index)
                    .append("type", reaction.type())
                    .append("params", params(reaction.params()))
                    .append("condition", reaction.condition())
                    .append("connection", reaction.connection()));
        }
        return documents;
    }

    static Document retryPolicy(RetryPolicy policy) {
        if (policy == null) {
            return null;
        }
        return new Document("maxAttempts", policy.maxAttempts())
                .append("initialBackoffMs", policy.initialBackoffMs())
                .append("multiplier", policy.multiplier())
                .append("maxBackoffMs", policy.maxBackoffMs());
    }

    private static Object params(Map<String, Object> params) {
        return params == null ? new Document() : Bson.storable(params);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
