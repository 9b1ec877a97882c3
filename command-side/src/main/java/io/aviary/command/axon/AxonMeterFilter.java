package io.aviary.command.axon;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import java.util.List;

/**
 * Keeps Axon's dimensional meters ({@code axon.metrics.micrometer.dimensional=true}) to a size Prometheus is happy
 * with. Left alone they are one series per (payload type x processor x timer x client-side quantile): every processor
 * sees every event type, which measured ~2,700 series after a handful of tasks, heading for ~20,000.
 * <ul>
 *   <li>Event processor, event store and event bus meters lose the {@code payloadType} tag (counters and timers add
 *   up across it), keeping {@code processorName}: one set per processor. Command bus meters keep it: commands are
 *   few and "which command is slow" is the question.</li>
 *   <li>Axon's timers drop their client-side quantiles (they cannot be aggregated across replicas); rates and
 *   averages come from {@code _count} and {@code _sum}.</li>
 *   <li>The {@code capacity} and {@code latency} gauges are per payload type, so merged they would show one arbitrary
 *   type: they are not exported.</li>
 * </ul>
 */
public final class AxonMeterFilter implements MeterFilter {

    private static final List<String> PER_PROCESSOR = List.of("eventProcessor.", "eventStore.", "eventBus.");
    private static final List<String> AXON = List.of("eventProcessor.", "eventStore.", "eventBus.", "commandBus.",
            "queryBus.", "queryUpdateEmitter.");
    private static final String PAYLOAD_TYPE = "payloadType";

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        if (startsWithAny(id.getName(), PER_PROCESSOR) && hasTag(id, PAYLOAD_TYPE)
                && (id.getName().endsWith(".capacity") || id.getName().endsWith(".latency"))) {
            return MeterFilterReply.DENY;
        }
        return MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (startsWithAny(id.getName(), PER_PROCESSOR) && hasTag(id, PAYLOAD_TYPE)) {
            List<Tag> kept = id.getTags().stream().filter(tag -> !PAYLOAD_TYPE.equals(tag.getKey())).toList();
            return id.replaceTags(kept);
        }
        return id;
    }

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (startsWithAny(id.getName(), AXON)) {
            return DistributionStatisticConfig.builder().percentiles().build().merge(config);
        }
        return config;
    }

    private static boolean hasTag(Meter.Id id, String key) {
        return id.getTag(key) != null;
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        return prefixes.stream().anyMatch(name::startsWith);
    }
}
