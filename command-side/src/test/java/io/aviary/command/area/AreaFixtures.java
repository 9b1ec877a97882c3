package io.aviary.command.area;

import io.aviary.events.area.ActionSpec;
import io.aviary.events.area.AreaScheduled;
import io.aviary.events.area.MisfirePolicy;
import io.aviary.events.area.ReactionSpec;
import io.aviary.events.area.RetryPolicy;
import io.aviary.events.area.TriggerKind;
import io.aviary.events.area.TriggerSpec;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Definitions shared by the AREA tests. */
public final class AreaFixtures {

    public static final RetryPolicy POLICY = new RetryPolicy(2, 100, 2.0, 1_000);
    public static final ActionSpec TICK = new ActionSpec("clock", "timer.tick", Map.of(), null);
    public static final ActionSpec RECEIVED = new ActionSpec("github", "webhook.received", Map.of(), null);
    public static final TriggerSpec EVERY_SECOND =
            new TriggerSpec(TriggerKind.CRON, "* * * * * *", "UTC", null, MisfirePolicy.FIRE_ONCE_NOW);
    public static final TriggerSpec WEBHOOK = new TriggerSpec(TriggerKind.WEBHOOK, null, null, null, null);
    public static final List<ReactionSpec> TWO_REACTIONS = List.of(
            new ReactionSpec("log", Map.of("message", "always"), null, null),
            new ReactionSpec("log", Map.of("message", "never"), "false", null));

    private AreaFixtures() {
    }

    public static TriggerSpec interval(long millis, MisfirePolicy misfire) {
        return new TriggerSpec(TriggerKind.INTERVAL, null, null, millis, misfire);
    }

    public static TriggerSpec cron(String cron, String zone, MisfirePolicy misfire) {
        return new TriggerSpec(TriggerKind.CRON, cron, zone, null, misfire);
    }

    public static AreaScheduled scheduled(String areaId, TriggerSpec trigger, Instant at) {
        return new AreaScheduled(areaId, "maria", "test", 1, TICK, trigger, TWO_REACTIONS, POLICY, null, at);
    }
}
