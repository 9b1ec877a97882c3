package io.aviary.command.area;

import io.aviary.command.connection.Connections;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires AREA definitions: the aggregate's snapshot trigger and the definition checks. */
@Configuration(proxyBeanMethods = false)
public class AreaConfiguration {

    /** Bean name of the AREA's snapshot trigger, referenced by {@link AreaAggregate}. */
    public static final String SNAPSHOT_TRIGGER = "areaSnapshotTrigger";

    @Bean(SNAPSHOT_TRIGGER)
    public SnapshotTriggerDefinition areaSnapshotTrigger(Snapshotter snapshotter, AreaProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    @Bean
    public AreaDefinitions areaDefinitions(Connections connections) {
        return new AreaDefinitions(connections::exists);
    }
}
