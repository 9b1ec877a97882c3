package io.aviary.command.billing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Runs the daily close at {@code aviary.billing.close-at} in {@code aviary.billing.zone} ({@link BillingSchedule}),
 * and once at start the catch-up: every cycle of the last {@code catch-up-days} days whose close time has passed and
 * that some account has not closed (misfire policy: catch up, oldest first). Both go through
 * {@link BillingCycles#closeDue}, so a firing also picks up a day an earlier firing missed.
 * <p>
 * Each run first waits (re-checking every second, at most {@code catch-up-wait}) until the accounting processors
 * have caught up with the event store, so that the balances it closes hold every movement stored before. One thread
 * of its own: runs never overlap. Several replicas may all run it: each (account, date) closes once (the Account
 * aggregate decides, and the loser of a race is retried once and then sees the date closed).
 */
public class BillingScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BillingScheduler.class);
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final BillingCycles cycles;
    private final BillingSchedule schedule;
    private final BillingProperties properties;
    private final BooleanSupplier processorsCaughtUp;
    private final Clock clock;
    private volatile ThreadPoolTaskScheduler scheduler;

    public BillingScheduler(BillingCycles cycles, BillingSchedule schedule, BillingProperties properties,
                            BooleanSupplier processorsCaughtUp, Clock clock) {
        this.cycles = cycles;
        this.schedule = schedule;
        this.properties = properties;
        this.processorsCaughtUp = processorsCaughtUp;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!properties.schedulerEnabled()) {
            log.info("Billing scheduler disabled (aviary.billing.scheduler-enabled=false) on this replica");
            return;
        }
        ThreadPoolTaskScheduler threads = new ThreadPoolTaskScheduler();
        threads.setPoolSize(1);
        threads.setThreadNamePrefix("aviary-billing-");
        threads.setDaemon(true);
        threads.setClock(clock); // close times are computed on this clock, so the delays must be too
        threads.initialize();
        scheduler = threads;
        Instant now = clock.instant();
        if (properties.catchUpDays() > 0) {
            whenCaughtUp("catch-up", now, () -> cycles.closeDue(schedule.lastDueCycle(clock.instant()),
                    properties.catchUpDays()));
        }
        scheduleDailyClose(now);
    }

    private void scheduleDailyClose(Instant after) {
        ThreadPoolTaskScheduler threads = scheduler;
        if (threads == null) {
            return;
        }
        Instant closeTime = schedule.nextClose(after);
        log.info("Next billing close at {} ({}) for the cycle of {}", closeTime, schedule.zone(),
                schedule.cycleClosedAt(closeTime));
        threads.schedule(() -> {
            try {
                whenCaughtUp("daily close", clock.instant(), () -> cycles.closeDue(schedule.cycleClosedAt(closeTime),
                        Math.max(1, properties.catchUpDays())));
            } finally {
                scheduleDailyClose(closeTime);
            }
        }, closeTime);
    }

    /** Runs {@code close} once the processors are caught up, or once {@code catch-up-wait} has passed. */
    private void whenCaughtUp(String what, Instant since, Runnable close) {
        ThreadPoolTaskScheduler threads = scheduler;
        if (threads == null) {
            return;
        }
        boolean caughtUp = processorsCaughtUp.getAsBoolean();
        if (!caughtUp && clock.instant().isBefore(since.plus(properties.catchUpWait()))) {
            threads.schedule(() -> whenCaughtUp(what, since, close), clock.instant().plus(RECHECK));
            return;
        }
        if (!caughtUp) {
            log.warn("Billing {}: accounting processors not caught up here after {}; closing anyway", what,
                    properties.catchUpWait());
        }
        try {
            close.run();
        } catch (RuntimeException e) {
            // The next firing (or the next start) closes what this one could not.
            log.error("Billing {} failed", what, e);
        }
    }

    @Override
    public synchronized void stop() {
        ThreadPoolTaskScheduler threads = scheduler;
        scheduler = null;
        if (threads != null) {
            threads.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
