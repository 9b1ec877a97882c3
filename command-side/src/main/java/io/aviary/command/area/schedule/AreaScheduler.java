package io.aviary.command.area.schedule;

import io.aviary.command.area.AreaCommands.FireArea;
import io.aviary.command.area.FireRejectedException;
import io.aviary.command.dispatch.CatchUpSignal;
import io.aviary.command.support.LoopThread;
import io.aviary.command.web.CommandSender;
import io.aviary.events.area.FireSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Fires CRON and INTERVAL AREAs (the orchestrator's scheduler). Every {@code tick} it asks the {@link ScheduleView}
 * which AREAs are active, computes each one's due instants ({@link FirePlan}: late instants fire, missed ones follow
 * the AREA's misfire policy) and sends {@code FireArea} with the deterministic fire id {@code areaId@instant}.
 * <p>
 * Correctness does not depend on this class: every replica may run it, and the AREA aggregate accepts each instant
 * once (the loser of a race gets a rejection, or a concurrency exception that {@link CommandSender} turns into a
 * rejection by sending again). A rejected instant is as good as fired: it is not sent again. The view is only
 * trusted once its processor has caught up with the event store (before that it may not know the last fires).
 * One thread of its own ("aviary-area-scheduler"): ticks never overlap.
 */
public class AreaScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AreaScheduler.class);

    private final ScheduleView view;
    private final CatchUpSignal caughtUp;
    private final CommandSender commands;
    private final Clock clock;
    private final SchedulerProperties properties;
    private final Schedules schedules = new Schedules();
    /** Per AREA, the latest instant this replica settled (fired, or learned was fired, or skipped). */
    private final Map<String, Instant> settled = new ConcurrentHashMap<>();
    private final LoopThread loop = new LoopThread("aviary-area-scheduler", this::tick, "AREA scheduler tick failed");

    public AreaScheduler(ScheduleView view, CatchUpSignal caughtUp, CommandSender commands, Clock clock,
                         SchedulerProperties properties) {
        this.view = view;
        this.caughtUp = caughtUp;
        this.commands = commands;
        this.clock = clock;
        this.properties = properties;
    }

    /** One round over every active AREA; answers how many fires this replica made. */
    public int tick() {
        if (!caughtUp.isCaughtUp()) {
            return 0;
        }
        Instant now = clock.instant();
        int fired = 0;
        List<ScheduledArea> active = view.active();
        settled.keySet().retainAll(active.stream().map(ScheduledArea::areaId).collect(Collectors.toSet()));
        for (ScheduledArea area : active) {
            fired += fireDue(area, now);
        }
        return fired;
    }

    private int fireDue(ScheduledArea area, Instant now) {
        Instant cursor = area.cursor();
        Instant local = settled.get(area.areaId());
        if (local != null && local.isAfter(cursor)) {
            cursor = local;
        }
        FirePlan plan;
        try {
            plan = FirePlan.of(schedules, area.trigger(), cursor, now, properties.misfireThreshold(),
                    properties.maxFiresPerTick());
        } catch (RuntimeException e) {
            log.warn("AREA {}: cannot compute its schedule ({}): not fired", area.areaId(), e.getMessage());
            return 0;
        }
        if (plan.skippedUpTo() != null) {
            log.info("AREA {} missed its instants up to {} (misfire policy SKIP): next fire after {}",
                    area.areaId(), plan.skippedUpTo(), now);
            settled.put(area.areaId(), plan.skippedUpTo());
        }
        int fired = 0;
        for (Instant instant : plan.fires()) {
            Boolean outcome = fire(area, instant);
            if (outcome == null) {
                break; // not settled: the next tick tries this instant again
            }
            settled.put(area.areaId(), instant);
            fired += outcome ? 1 : 0;
        }
        return fired;
    }

    /** {@code true} fired here, {@code false} fired already (or refused for good), {@code null} not settled. */
    private Boolean fire(ScheduledArea area, Instant instant) {
        FireSource source = FireSource.valueOf(area.trigger().kind().name());
        try {
            commands.send(FireArea.scheduled(area.areaId(), source, instant, UUID.randomUUID().toString()));
            return true;
        } catch (FireRejectedException e) {
            log.debug("AREA {} not fired for {}: {}", area.areaId(), instant, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.warn("AREA {}: fire for {} failed, tried again at the next tick: {}", area.areaId(), instant,
                    e.toString());
            return null;
        }
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled()) {
            log.info("AREA scheduler disabled (aviary.areas.scheduler.enabled=false) on this replica");
            return;
        }
        loop.start(properties.tick());
    }

    @Override
    public synchronized void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
