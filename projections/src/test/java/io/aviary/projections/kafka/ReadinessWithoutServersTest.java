package io.aviary.projections.kafka;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness is DOWN, and says which server is missing, while MongoDB and Kafka cannot be reached. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "aviary.projections.auto-startup=false",
        "aviary.mongo.server-selection-timeout=500ms"})
class ReadinessWithoutServersTest {

    @Autowired
    private TestRestTemplate http;

    @DynamicPropertySource
    static void unreachableServers(DynamicPropertyRegistry registry) throws IOException {
        int closedPort = closedPort();
        registry.add("spring.data.mongodb.uri", () -> "mongodb://localhost:" + closedPort);
        registry.add("spring.kafka.bootstrap-servers", () -> "localhost:" + closedPort);
    }

    @Test
    void readinessIsDownButLivenessIsUp() {
        ResponseEntity<String> readiness = http.getForEntity("/actuator/health/readiness", String.class);
        ResponseEntity<String> liveness = http.getForEntity("/actuator/health/liveness", String.class);

        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(readiness.getBody()).contains("\"mongo\":{\"status\":\"DOWN\"", "\"kafka\":{\"status\":\"DOWN\"");
        assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
