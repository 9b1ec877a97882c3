package io.aviary.agent;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Health "agent", part of the readiness group: UP when the agent is registered (the command API answered), consumes
 * events, and Kafka acknowledged a heartbeat within the last five intervals (the liveness monitor's default
 * tolerance).
 */
class AgentHealthIndicator implements HealthIndicator {

    private static final int MISSED_BEATS_TOLERATED = 5;

    private final Agent agent;
    private final Clock clock;

    AgentHealthIndicator(Agent agent, Clock clock) {
        this.agent = agent;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Agent.Phase phase = agent.phase();
        Instant lastHeartbeat = agent.lastHeartbeat();
        Duration tolerance = agent.properties().heartbeatInterval().multipliedBy(MISSED_BEATS_TOLERATED);
        boolean heartbeatFresh = lastHeartbeat != null
                && Duration.between(lastHeartbeat, clock.instant()).compareTo(tolerance) <= 0;
        Health.Builder health = phase == Agent.Phase.READY && heartbeatFresh ? Health.up() : Health.down();
        health.withDetail("phase", phase.name());
        if (agent.identity() != null) {
            health.withDetail("name", agent.identity().name()).withDetail("workerId", agent.identity().workerId());
        }
        health.withDetail("busySlots", agent.busySlots());
        if (lastHeartbeat != null) {
            health.withDetail("lastHeartbeat", lastHeartbeat.toString());
        }
        if (agent.lastPoll() != null) {
            health.withDetail("lastPoll", agent.lastPoll().toString());
        }
        return health.build();
    }
}
