package io.aviary.query.security;

import io.aviary.infra.EmbeddedStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus (the Helm chart's ServiceMonitor) scrapes {@code /actuator/prometheus} without a token, as on the
 * command side; every other actuator endpoint but the probes stays for admins.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "aviary.dashboard.stream.enabled=false")
@AutoConfigureObservability(tracing = false) // tests disable metrics export by default
class PrometheusScrapeTest {

    @Autowired
    private TestRestTemplate http;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedStack stack = EmbeddedStack.shared();
        registry.add("spring.data.mongodb.uri", stack::mongoUri);
        registry.add("aviary.mongo.database", () -> stack.newDatabaseName("query_prometheus"));
        TestIdentityProvider.shared().register(registry);
    }

    @Test
    void theScrapeIsOpenWithoutATokenAndShowsTheJvmAndHttpMeters() {
        http.getForEntity("/actuator/health/readiness", String.class); // one request to have a timer

        ResponseEntity<String> scrape = http.getForEntity("/actuator/prometheus", String.class);

        assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scrape.getBody()).containsPattern("jvm_memory_used_bytes\\{[^}]*area=\"heap\"").contains("http_server_requests_seconds");
    }

    @Test
    void theOtherActuatorEndpointsStayClosed() {
        assertThat(http.getForEntity("/actuator/metrics", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
