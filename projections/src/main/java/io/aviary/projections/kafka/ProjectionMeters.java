package io.aviary.projections.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * How far the read models trail the events:
 * <ul>
 *   <li>{@code aviary_projection_lag_seconds}: per event, from its CloudEvent {@code time} (when command-side stored
 *   it) to the moment its batch was written to MongoDB. A histogram with fixed buckets, so quantiles add up across
 *   replicas. No {@code model} tag: one batch is written to every read model before its offsets are committed, so
 *   every model has the same lag.</li>
 *   <li>{@code aviary_projection_events_total}: events applied (records the projection cannot read are skipped and
 *   not counted).</li>
 * </ul>
 * A fresh consumer group replays the topic from offset 0, so right after a first start the lag is the events' age:
 * that is the truth (the read models are that far behind), not an error.
 */
public final class ProjectionMeters {

    /** Bucket bounds of the lag histogram: from "live" to "replaying old history". */
    static final Duration[] LAG_BUCKETS = {
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(30)};

    private final Timer lag;
    private final Counter events;

    public ProjectionMeters(MeterRegistry registry) {
        this.lag = Timer.builder("aviary.projection.lag")
                .description("Time from an event's CloudEvent time to its batch being written to MongoDB")
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
        this.events = Counter.builder("aviary.projection.events")
                .description("Events applied to the read models")
                .register(registry);
    }

    /**
     * A batch was written.
     *
     * @param times the CloudEvent {@code time} of each applied event ({@code null} when an event had none)
     * @param now   when the write finished
     */
    void applied(List<OffsetDateTime> times, Instant now) {
        events.increment(times.size());
        for (OffsetDateTime time : times) {
            if (time != null) {
                // Clocks of different machines: a tiny negative difference is no lag at all.
                Duration behind = Duration.between(time.toInstant(), now);
                lag.record(behind.isNegative() ? Duration.ZERO : behind);
            }
        }
    }
}
