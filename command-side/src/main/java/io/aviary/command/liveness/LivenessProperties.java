package io.aviary.command.liveness;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the liveness monitor ({@code aviary.liveness.*}, env {@code AVIARY_LIVENESS_*}).
 *
 * @param enabled           Whether this replica reads heartbeats and marks silent workers DOWN. Env
 *                          AVIARY_LIVENESS_ENABLED.
 * @param heartbeatInterval How often agents heartbeat (set agents alike: AVIARY_AGENT_HEARTBEAT_MS); also how often
 *                          the monitor checks the fleet. Env AVIARY_LIVENESS_HEARTBEAT_INTERVAL.
 * @param missedBeats       How many intervals without a heartbeat make a worker DOWN (the dispatcher then re-queues
 *                          its unfinished tasks). Env AVIARY_LIVENESS_MISSED_BEATS.
 */
@ConfigurationProperties("aviary.liveness")
public record LivenessProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration heartbeatInterval,
        @DefaultValue("5") int missedBeats) {

    public LivenessProperties {
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("aviary.liveness.heartbeat-interval must be positive");
        }
        if (missedBeats < 1) {
            throw new IllegalArgumentException("aviary.liveness.missed-beats must be at least 1");
        }
    }

    /** How long a worker may stay silent before it is DOWN: interval x missed beats. */
    public Duration silenceLimit() {
        return heartbeatInterval.multipliedBy(missedBeats);
    }
}
