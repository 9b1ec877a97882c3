package io.aviary.projections.rebuild;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aviary.infra.EmbeddedStack;
import io.aviary.projections.apply.EconomyFeed;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.apply.RandomEconomy;
import io.aviary.projections.apply.ReadModel;
import io.aviary.projections.apply.ReadModelStore;
import io.aviary.projections.kafka.CloudEventDecoder;
import io.aviary.projections.kafka.EventTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebuilds from a topic of a random economy's history and logs the rate (no timed asserts on a shared machine).
 * Size and models are system properties, so the benchmark of the report runs with
 * {@code -Daviary.rebuild.benchmark.events=100000 -Daviary.rebuild.benchmark.models=accounts,analytics_daily,...}.
 */
class RebuildThroughputTest {

    private static final Logger log = LoggerFactory.getLogger(RebuildThroughputTest.class);

    @Test
    void rebuildsFromALargeTopicAndLogsTheRate() {
        int wanted = Integer.getInteger("aviary.rebuild.benchmark.events", 10_000);
        List<ReadModel> models = Arrays.stream(System.getProperty("aviary.rebuild.benchmark.models",
                "accounts,analytics_daily").split(",")).map(name -> ReadModel.byName(name.trim()).orElseThrow())
                .toList();
        // given a history of at least the wanted size on a topic of its own
        EconomyFeed feed = RandomEconomy.generate(5, 50, wanted * 2 / 3);
        List<ProjectedEvent> events = feed.events();
        String topic = EventTopics.create("rebuild-throughput", 4);
        long producing = System.nanoTime();
        EventTopics.produce(topic, events);
        log.info("Produced {} events in {} ms", events.size(), (System.nanoTime() - producing) / 1_000_000);

        try (ReadModelStore store = new ReadModelStore("rebuild_throughput")) {
            for (ReadModel model : models) {
                // when
                RebuildRun run = new RebuildRun(model, 1, store.database(), () -> new EventLogReader(
                        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedStack.shared().kafkaBootstrap()),
                        topic, 500, Duration.ofSeconds(1)), decoder(), LiveProjection.NONE, Duration.ofSeconds(5),
                        Clock.systemUTC());
                run.run();

                // then
                RebuildProgress progress = run.progress();
                log.info("Rebuilt {} from {} events in {} ms: {} events/s", model.modelName(), progress.processed(),
                        Duration.between(progress.startedAt(), progress.finishedAt()).toMillis(),
                        progress.eventsPerSecond());
                assertThat(progress.state()).isEqualTo(RebuildState.DONE);
                assertThat(progress.processed()).isEqualTo(progress.total()).isEqualTo(events.size());
            }
            if (models.contains(ReadModel.ACCOUNTS)) {
                for (String worker : feed.workers()) {
                    assertThat(store.document("accounts", worker).getLong("balance")).isEqualTo(feed.balance(worker));
                }
            }
        }
    }

    private static CloudEventDecoder decoder() {
        return new CloudEventDecoder(new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    }
}
