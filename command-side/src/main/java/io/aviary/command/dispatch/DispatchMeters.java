package io.aviary.command.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.time.Duration;
import java.time.Instant;

/**
 * The dispatcher's own meters, moved only by the replica whose {@code AssignTask} the Task aggregate accepted, so
 * that summed over replicas each assignment counts once (a rejected duplicate from a slower replica counts nowhere).
 * <ul>
 *   <li>{@code aviary_tasks_dispatched_total}: accepted assignments. No {@code type} tag: task types are free text
 *   chosen by whoever submits, so a tag would grow without bound.</li>
 *   <li>{@code aviary_dispatch_latency_seconds}: how long the task waited for a worker, from the moment it could be
 *   assigned (its {@code TaskCreated}, or {@code TaskRequeued}, or the {@code notBefore} of its scheduled retry) to
 *   the accepted assignment. For a first attempt that is created -> assigned. A Prometheus histogram with fixed
 *   buckets (the SLOs below), so p50/p95/p99 can be computed over any set of replicas.</li>
 * </ul>
 */
public final class DispatchMeters {

    /** Bucket bounds of the latency histogram: from "instant" to "a worker was missing for minutes". */
    static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5)};

    private final Counter dispatched;
    private final Timer latency;

    public DispatchMeters(MeterRegistry registry) {
        this.dispatched = Counter.builder("aviary.tasks.dispatched")
                .description("Tasks assigned to a worker by the dispatcher (AssignTask accepted)")
                .register(registry);
        this.latency = Timer.builder("aviary.dispatch.latency")
                .description("Time a task waited for a worker: from created (requeued, retry due) to assigned")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    /** Meters that go nowhere, for code that runs a dispatcher without a registry. */
    public static DispatchMeters none() {
        return new DispatchMeters(new CompositeMeterRegistry());
    }

    /**
     * An assignment was accepted.
     *
     * @param waitingSince when the task could first be assigned ({@code null} if unknown: counted, not timed)
     * @param now          when the assignment was accepted
     */
    void assigned(Instant waitingSince, Instant now) {
        dispatched.increment();
        if (waitingSince != null) {
            // Event times come from the clock of whichever replica wrote them: never record a negative wait.
            Duration waited = Duration.between(waitingSince, now);
            latency.record(waited.isNegative() ? Duration.ZERO : waited);
        }
    }
}
