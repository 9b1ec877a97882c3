package io.aviary.command.dispatch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the dispatcher ({@code aviary.dispatch.*}, env {@code AVIARY_DISPATCH_*}).
 *
 * @param enabled      Whether this replica assigns tasks, times out attempts and re-queues the tasks of workers that
 *                     went down. When off, the fleet view is still built (the liveness monitor reads it) but no command
 *                     is sent. Env AVIARY_DISPATCH_ENABLED.
 * @param tickInterval How often a dispatch round runs without a new event, to pick up retries whose notBefore has
 *                     passed, overdue attempts, and tasks whose command failed. Events start a round at once. Env
 *                     AVIARY_DISPATCH_TICK_INTERVAL.
 * @param senders      How many threads send the commands of a round (each command is handled, and committed, on its
 *                     sending thread); 1 sends them one after the other on the round's thread. Env
 *                     AVIARY_DISPATCH_SENDERS.
 */
@ConfigurationProperties("aviary.dispatch")
public record DispatchProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("150ms") Duration tickInterval,
        @DefaultValue("4") int senders) {

    @ConstructorBinding
    public DispatchProperties {
    }

    /** Commands sent one after the other on the round's thread. */
    public DispatchProperties(boolean enabled, Duration tickInterval) {
        this(enabled, tickInterval, 1);
    }
}
