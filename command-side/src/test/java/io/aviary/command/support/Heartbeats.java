package io.aviary.command.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aviary.command.liveness.HeartbeatAuthenticator;
import io.aviary.command.support.TestApi.Agent;
import io.aviary.events.Topics;
import io.aviary.events.liveness.Heartbeat;
import io.aviary.infra.EmbeddedStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Heartbeats of agents, as the worker agent sends them (with its token), until closed. */
public final class Heartbeats implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ScheduledExecutorService heart = Executors.newSingleThreadScheduledExecutor();
    private final KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedStack.shared().kafkaBootstrap()),
            new StringSerializer(), new StringSerializer());

    /** Beats for {@code agent} every 200 ms, all slots free. */
    public Heartbeats beat(Agent agent) {
        heart.scheduleAtFixedRate(() -> send(agent), 0, 200, TimeUnit.MILLISECONDS);
        return this;
    }

    private void send(Agent agent) {
        try {
            String beat = json.writeValueAsString(new Heartbeat(agent.workerId(), agent.name(), 2, 0, Instant.now()));
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.WORKER_LIVENESS, agent.workerId(),
                    beat);
            record.headers().add(HeartbeatAuthenticator.HEADER,
                    ("Bearer " + agent.accessToken()).getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        heart.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
