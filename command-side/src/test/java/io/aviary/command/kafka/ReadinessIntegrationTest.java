package io.aviary.command.kafka;

import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.infra.EmbeddedStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Readiness includes Kafka: an orchestrator stops routing to a command side whose events cannot leave. */
class ReadinessIntegrationTest extends CommandSideIntegrationTest {

    @Autowired
    private TestRestTemplate http;

    @Test
    void readinessGoesDownWithKafkaAndComesBackWithIt() {
        EmbeddedStack stack = EmbeddedStack.shared();
        assumeTrue(stack.embeddedServers().contains(EmbeddedStack.Server.KAFKA), "needs the embedded broker");
        assertThat(status("/actuator/health/readiness")).isEqualTo(HttpStatus.OK);

        // when the broker stops
        stack.stopKafka();
        try {
            // then the application is not ready, but alive
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> status("/actuator/health/readiness") == HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(status("/actuator/health/liveness")).isEqualTo(HttpStatus.OK);
        } finally {
            stack.startKafka();
        }

        // and ready again once the broker is back
        await().atMost(Duration.ofSeconds(60))
                .until(() -> status("/actuator/health/readiness") == HttpStatus.OK);
    }

    private HttpStatus status(String path) {
        ResponseEntity<String> answer = http.getForEntity(path, String.class);
        return HttpStatus.valueOf(answer.getStatusCode().value());
    }
}
