package io.aviary.command.area.schedule;

import io.aviary.command.area.AreaAggregate;
import io.aviary.command.area.AreaCommands.ScheduleArea;
import io.aviary.command.area.AreaFixtures;
import io.aviary.command.dispatch.CatchUpSignal;
import io.aviary.command.dispatch.MutableClock;
import io.aviary.command.dispatch.TrackingProcessorCatchUp;
import io.aviary.command.support.PostgresEventStore;
import io.aviary.command.web.CommandSender;
import io.aviary.events.area.AreaFired;
import io.aviary.events.area.AreaScheduled;
import io.aviary.events.area.MisfirePolicy;
import io.aviary.events.area.TriggerSpec;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two scheduler replicas (each its own Axon configuration: view, processor, command bus, repository) over ONE real
 * PostgreSQL event store, ticking at the same moments of a shared fake clock: over N due instants each AREA fires
 * exactly N times, once per instant. The replicas race for every instant; the AREA aggregate and the store's unique
 * (aggregate, sequence) key decide.
 */
class TwoSchedulersOneEventStoreTest {

    private static final int INSTANTS = 15;

    private final PostgresEventStore store = new PostgresEventStore("area_scheduler");
    private final List<Configuration> replicas = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    private record Replica(CommandSender commands, ScheduleView view, CatchUpSignal caughtUp) {

        AreaScheduler scheduler(MutableClock clock) {
            return new AreaScheduler(view, caughtUp, commands, clock,
                    new SchedulerProperties(true, Duration.ofMillis(200), Duration.ofSeconds(5), 10));
        }
    }

    @AfterEach
    void shutDown() {
        threads.shutdownNow();
        replicas.forEach(Configuration::shutdown);
        store.close();
    }

    private Replica replica() {
        ScheduleView view = new ScheduleView();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> store.serializer())
                .configureEmbeddedEventStore(c -> store.engine())
                .configureAggregate(AreaAggregate.class);
        ScheduleConfiguration.registerProcessor(configurer.eventProcessing());
        configurer.eventProcessing().registerEventHandler(c -> new ScheduleViewHandler(view));
        Configuration config = configurer.start();
        replicas.add(config);
        CatchUpSignal caughtUp = new TrackingProcessorCatchUp(config.eventProcessingConfiguration(),
                ScheduleViewHandler.PROCESSING_GROUP);
        return new Replica(new CommandSender(config.commandGateway()), view, caughtUp);
    }

    @Test
    void over_n_due_instants_each_area_fires_exactly_n_times() throws Exception {
        // given two AREAs firing every second (by interval, then by cron), and a clock starting when the last was
        // created: the next N seconds of the clock hold exactly N instants of each
        Replica first = replica();
        Replica second = replica();
        String intervalArea = create(second, AreaFixtures.interval(1_000, MisfirePolicy.FIRE_ONCE_NOW));
        String cronArea = create(first, AreaFixtures.cron("* * * * * *", "Europe/Paris", MisfirePolicy.SKIP));
        MutableClock clock = new MutableClock(scheduledAt(cronArea));
        await().atMost(Duration.ofSeconds(30)).until(() -> first.caughtUp().isCaughtUp()
                && second.caughtUp().isCaughtUp() && first.view().active().size() == 2
                && second.view().active().size() == 2);
        AreaScheduler firstScheduler = first.scheduler(clock);
        AreaScheduler secondScheduler = second.scheduler(clock);

        // when the clock moves one second at a time and both replicas tick at once, N times
        int firedHere = 0;
        for (int i = 0; i < INSTANTS; i++) {
            clock.advance(Duration.ofSeconds(1));
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<Integer> a =
                    CompletableFuture.supplyAsync(() -> tickWith(firstScheduler, together), threads);
            CompletableFuture<Integer> b =
                    CompletableFuture.supplyAsync(() -> tickWith(secondScheduler, together), threads);
            firedHere += a.get() + b.get();
        }

        // then every instant fired once per AREA: N AreaFired each, N distinct instants, and no more fires claimed
        List<Instant> cronFires = scheduledFor(cronArea);
        List<Instant> intervalFires = scheduledFor(intervalArea);
        assertThat(cronFires).hasSize(INSTANTS).doesNotHaveDuplicates().isSorted();
        assertThat(intervalFires).hasSize(INSTANTS).doesNotHaveDuplicates().isSorted();
        assertThat(firedHere).isEqualTo(2 * INSTANTS);
        assertThat(cronFires.get(INSTANTS - 1)).isBeforeOrEqualTo(clock.instant());
    }

    private static int tickWith(AreaScheduler scheduler, CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return scheduler.tick();
    }

    private Instant scheduledAt(String areaId) {
        return store.engine().readEvents(areaId).asStream().map(DomainEventMessage::getPayload)
                .filter(AreaScheduled.class::isInstance).map(AreaScheduled.class::cast)
                .map(AreaScheduled::scheduledAt).findFirst().orElseThrow();
    }

    private String create(Replica replica, TriggerSpec trigger) {
        String areaId = UUID.randomUUID().toString();
        replica.commands().send(new ScheduleArea(areaId, "maria", "n instants", AreaFixtures.TICK, trigger,
                AreaFixtures.TWO_REACTIONS, AreaFixtures.POLICY, null));
        return areaId;
    }

    private List<Instant> scheduledFor(String areaId) {
        return store.engine().readEvents(areaId).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(AreaFired.class::isInstance)
                .map(AreaFired.class::cast)
                .map(AreaFired::scheduledFor)
                .toList();
    }
}
