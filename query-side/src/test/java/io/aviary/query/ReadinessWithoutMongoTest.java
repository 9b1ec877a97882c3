package io.aviary.query;

import io.aviary.query.security.TestIdentityProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a reachable MongoDB the app starts, is live but not ready, and a query fails as a 500 problem. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "aviary.mongo.server-selection-timeout=500ms")
class ReadinessWithoutMongoTest {

    @Autowired
    private TestRestTemplate http;

    @DynamicPropertySource
    static void unreachableMongo(DynamicPropertyRegistry registry) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            int closedPort = socket.getLocalPort();
            registry.add("spring.data.mongodb.uri", () -> "mongodb://localhost:" + closedPort);
        }
        TestIdentityProvider.shared().register(registry);
    }

    @Test
    void notReadyButLive() {
        ResponseEntity<String> readiness = http.getForEntity("/actuator/health/readiness", String.class);
        ResponseEntity<String> liveness = http.getForEntity("/actuator/health/liveness", String.class);
        HttpHeaders admin = new HttpHeaders();
        admin.setBearerAuth(TestIdentityProvider.shared().forRoles("ADMIN"));
        ResponseEntity<String> query = http.exchange("/api/v1/tasks", HttpMethod.GET, new HttpEntity<>(admin),
                String.class);

        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(readiness.getBody()).contains("\"mongo\":{\"status\":\"DOWN\"");
        assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(query.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(query.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
