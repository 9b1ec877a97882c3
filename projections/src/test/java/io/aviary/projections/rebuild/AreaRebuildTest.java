package io.aviary.projections.rebuild;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aviary.infra.EmbeddedStack;
import io.aviary.projections.apply.CollectionResolver;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.apply.ReadModel;
import io.aviary.projections.apply.ReadModelProjector;
import io.aviary.projections.apply.ReadModelStore;
import io.aviary.projections.area.AreaScenario;
import io.aviary.projections.kafka.CloudEventDecoder;
import io.aviary.projections.kafka.EventTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AREA read models in the rebuild catalogue: their events go through the real broker in the command side's wire
 * format, and a rebuild of one of them swaps in exactly what the live projection made.
 */
class AreaRebuildTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReadModelStore store;

    @BeforeEach
    void freshDatabase() {
        store = new ReadModelStore("area_rebuild");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void rebuildingTheExecutionLogSwapsInOnlyItIdenticalToTheLiveOne() {
        // given the AREA history on a topic, and projected live
        List<ProjectedEvent> history = AreaScenario.feed().events();
        String topic = EventTopics.create("rebuild-areas", 3);
        EventTopics.produce(topic, history);
        new ReadModelProjector(List.of(ReadModel.AREAS), CollectionResolver.live(store.database())).apply(history);
        Map<String, List<Document>> before = store.snapshot();
        store.database().getCollection("area_executions").drop();
        store.database().getCollection("areas").drop();

        // when area_executions is rebuilt from the topic
        RebuildRun run = new RebuildRun(ReadModel.AREA_EXECUTIONS, 1, store.database(),
                () -> new EventLogReader(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        EmbeddedStack.shared().kafkaBootstrap()), topic, 50, Duration.ofMillis(200)),
                new CloudEventDecoder(JSON), LiveProjection.NONE, Duration.ofSeconds(5), Clock.systemUTC());
        run.run();

        // then it holds what the live projection made; areas (dropped above) was only replayed into a scratch copy
        assertThat(run.progress().state()).isEqualTo(RebuildState.DONE);
        assertThat(run.progress().processed()).isEqualTo(history.size());
        assertThat(store.documents("area_executions")).isEqualTo(before.get("area_executions")).isNotEmpty();
        assertThat(store.documents("areas")).isEmpty();
        assertThat(store.documents("area_deliveries")).isEqualTo(before.get("area_deliveries"));
        assertThat(store.database().listCollectionNames().into(new ArrayList<>()))
                .noneMatch(name -> name.contains("__rebuild_"));
    }
}
