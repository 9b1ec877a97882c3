package io.aviary.projections.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aviary.events.CloudEventAttributes;
import io.aviary.events.EventCatalog;
import io.aviary.events.Topics;
import io.aviary.events.task.TaskEvent;
import io.aviary.projections.apply.EventFeed;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.apply.ReadModelProjector;
import io.aviary.projections.apply.ReadModelStore;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.aviary.projections.apply.EventFeed.newTaskId;
import static io.aviary.projections.apply.EventFeed.newWorkerId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener's meters, with the real projector on the embedded MongoDB: each applied event records its lag from
 * its CloudEvent time to the end of the batch's write, and a record that cannot be read counts nowhere.
 */
class ProjectionMetersTest {

    private static final Instant WRITTEN_AT = Instant.parse("2025-03-01T10:00:10Z");

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ReadModelStore store = new ReadModelStore("projection_meters");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventsListener listener = new EventsListener(new CloudEventDecoder(json),
            new ReadModelProjector(store.database()), new ProjectionMeters(registry),
            Clock.fixed(WRITTEN_AT, ZoneOffset.UTC));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void each_applied_event_records_its_lag_and_counts_once() throws Exception {
        // given a worker registration stored 4 s before the write and a task creation stored 500 ms before,
        // between them a record that is not a CloudEvent
        String worker = newWorkerId();
        List<ProjectedEvent> events = new EventFeed().registered(worker, "meters-" + worker, "noop")
                .created(newTaskId(), "noop", 3).events();
        List<ConsumerRecord<String, CloudEvent>> batch = new ArrayList<>();
        batch.add(record(events.get(0), WRITTEN_AT.minusSeconds(4), 0));
        batch.add(new ConsumerRecord<>(Topics.EVENTS, 0, 1, "junk", null));
        batch.add(record(events.get(1), WRITTEN_AT.minusMillis(500), 2));

        // when the batch is projected
        listener.onBatch(batch);

        // then two events count, with lags of 4 s and 0.5 s
        assertThat(store.worker(worker)).as("the batch was written").isNotNull();
        assertThat(registry.get("aviary.projection.events").counter().count()).isEqualTo(2.0);
        Timer lag = registry.get("aviary.projection.lag").timer();
        assertThat(lag.count()).isEqualTo(2);
        assertThat(lag.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(4_500.0);
        assertThat(lag.max(TimeUnit.MILLISECONDS)).isEqualTo(4_000.0);
    }

    private ConsumerRecord<String, CloudEvent> record(ProjectedEvent projected, Instant time, long offset)
            throws Exception {
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(projected.eventId())
                .withSource(URI.create(CloudEventAttributes.SOURCE))
                .withType(EventCatalog.of(projected.event().getClass()).cloudEventType())
                .withSubject(projected.event().aggregateId())
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withData("application/json", json.writeValueAsBytes(projected.event()))
                .withExtension(CloudEventAttributes.AGGREGATE_SEQUENCE, Long.toString(projected.sequence()))
                .withExtension(CloudEventAttributes.AGGREGATE_TYPE,
                        projected.event() instanceof TaskEvent ? "task" : "worker")
                .build();
        return new ConsumerRecord<>(Topics.EVENTS, 0, offset, projected.event().aggregateId(), cloudEvent);
    }
}
