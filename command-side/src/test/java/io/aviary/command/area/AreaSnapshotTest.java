package io.aviary.command.area;

import io.aviary.command.account.SerializingSnapshots;
import io.aviary.command.area.AreaCommands.FireArea;
import io.aviary.command.area.AreaCommands.RecordActionCompleted;
import io.aviary.command.area.AreaCommands.RecordReactionCompleted;
import io.aviary.command.area.AreaCommands.ScheduleArea;
import io.aviary.command.axon.CatalogRevisionResolver;
import io.aviary.command.axon.EventJson;
import io.aviary.events.area.AreaExecutionCompleted;
import io.aviary.events.area.ExecutionStatus;
import io.aviary.events.area.ReactionSpec;
import io.aviary.events.task.Outcome;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An AREA loaded from a snapshot (written and read through the application's Jackson serializer) behaves as one
 * rebuilt from all its events: it still knows the delivery ids it fired for, the last scheduled instant, and which
 * execution steps it recorded.
 */
class AreaSnapshotTest {

    private static final String ID = "a1b2c3d4-0000-4000-8000-00000000000a";

    private final List<Object> completed = new ArrayList<>();
    private final SerializingSnapshots snapshots;
    private final Configuration config;

    AreaSnapshotTest() {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(EventJson.newObjectMapper())
                .revisionResolver(new CatalogRevisionResolver()).build();
        snapshots = new SerializingSnapshots(new InMemoryEventStorageEngine(), serializer);
        DefaultConfigurer configurer = (DefaultConfigurer) DefaultConfigurer.defaultConfiguration();
        configurer.configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> snapshots)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(AreaAggregate.class)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), 4)));
        configurer.eventProcessing().usingSubscribingEventProcessors()
                .registerEventHandler(c -> new Object() {
                    @EventHandler
                    public void on(AreaExecutionCompleted event) {
                        completed.add(event);
                    }
                });
        config = configurer.buildConfiguration();
        config.start();
    }

    @AfterEach
    void close() {
        config.shutdown();
    }

    private <R> R send(Object command) {
        return config.commandGateway().sendAndWait(command);
    }

    @Test
    void a_snapshotted_area_still_knows_its_deliveries_and_its_open_executions() {
        // given a webhook AREA with one reaction, twenty deliveries, half of them with their action recorded
        send(new ScheduleArea(ID, "maria", "hook", AreaFixtures.RECEIVED, AreaFixtures.WEBHOOK,
                List.of(new ReactionSpec("log", Map.of(), null, null)), AreaFixtures.POLICY, "hook-1"));
        for (int i = 0; i < 20; i++) {
            send(FireArea.webhook(ID, "github", "d" + i, Map.of("i", i), "e" + i));
            if (i % 2 == 0) {
                send(new RecordActionCompleted(ID, "e" + i, "t" + i, 1, Outcome.SUCCESS, true, Map.of()));
            }
        }
        assertThat(snapshots.stored()).isGreaterThanOrEqualTo(5);

        // then a delivery seen before is still refused, and recorded steps are not recorded again
        assertThatThrownBy(() -> send(FireArea.webhook(ID, "github", "d3", Map.of(), "again")))
                .isInstanceOfSatisfying(FireRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(FireRejectedException.Reason.DUPLICATE));
        assertThat((Boolean) send(new RecordActionCompleted(ID, "e4", "t4", 1, Outcome.SUCCESS, true, Map.of())))
                .isFalse();

        // and an execution fired before the snapshots completes with its last step
        assertThat((Boolean) send(new RecordReactionCompleted(ID, "e0", 0, "log", true, "r0", 1, Outcome.SUCCESS)))
                .isTrue();
        assertThat(completed).singleElement().isInstanceOfSatisfying(AreaExecutionCompleted.class, done -> {
            assertThat(done.executionId()).isEqualTo("e0");
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        });
    }
}
