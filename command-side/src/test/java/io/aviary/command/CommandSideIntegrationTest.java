package io.aviary.command;

import io.aviary.command.security.SecurityClock;
import io.aviary.command.support.ShiftableClock;
import io.aviary.command.support.TestApi;
import io.aviary.command.support.TestOidcIssuer;
import io.aviary.infra.EmbeddedStack;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Base of every integration test of this module: the whole application on a random port against the real embedded
 * servers (PostgreSQL, Kafka), with authentication on. Every subclass shares this exact configuration, so Spring
 * builds the context once per test run and caches it; do not add per-class properties or {@code @MockBean}s (that
 * would start a second context). The event store lives in a schema of its own, so runs against an external
 * PostgreSQL do not see each other.
 * <p>
 * Identity in tests: the bootstrap {@code admin} has password {@link TestApi#ADMIN_PASSWORD}; an external OpenID
 * Connect issuer ({@link TestOidcIssuer}) is configured; the clock of everything identity decides by time is
 * {@link #SECURITY_CLOCK}, which a test may move (it is reset after every test). Dispatcher and liveness monitor keep
 * the system clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // tests disable metrics export by default; /actuator/prometheus is API
@Import(CommandSideIntegrationTest.SecurityClockConfiguration.class)
public abstract class CommandSideIntegrationTest {

    /** Deliveries each webhook accepts per hour in the test context. */
    protected static final int WEBHOOK_LIMIT = 5;

    /** The identity clock of the test context. */
    protected static final ShiftableClock SECURITY_CLOCK = new ShiftableClock();

    private static String schema;

    @Autowired
    private TestRestTemplate restTemplate;

    @DynamicPropertySource
    static void embeddedServers(DynamicPropertyRegistry registry) {
        EmbeddedStack stack = EmbeddedStack.shared();
        registry.add("spring.datasource.url", () -> jdbcUrlWithSchema(stack));
        registry.add("spring.datasource.username", stack::postgresUser);
        registry.add("spring.datasource.password", stack::postgresPassword);
        registry.add("spring.kafka.bootstrap-servers", stack::kafkaBootstrap);
        registry.add("axon.kafka.bootstrap-servers", stack::kafkaBootstrap);
        registry.add("aviary.auth.admin-password", () -> TestApi.ADMIN_PASSWORD);
        TestOidcIssuer oidc = TestOidcIssuer.shared();
        registry.add("aviary.auth.oidc.issuer-uri", oidc::issuer);
        registry.add("aviary.auth.oidc.jwks-uri", oidc::jwksUri);
        registry.add("aviary.auth.oidc.roles-claim", () -> "realm_access.roles");
        // Webhook rate limit: 5 deliveries per hook and hour, so a test reaches it without racing a clock.
        registry.add("aviary.areas.webhooks.limit-for-period", () -> WEBHOOK_LIMIT);
        registry.add("aviary.areas.webhooks.limit-refresh-period", () -> "1h");
        // Every test logs in from 127.0.0.1: the per-address limit on failed logins is tested in
        // LoginAddressThrottleTest and, from several addresses, on the running platform (module reliability).
        registry.add("aviary.auth.login.ip-max-failures", () -> 10_000);
    }

    /** The command API with tokens: admin login, agent enrolment, JSON requests. */
    protected TestApi api() {
        return new TestApi(restTemplate);
    }

    @AfterEach
    void resetSecurityClock() {
        SECURITY_CLOCK.reset();
    }

    /** The PostgreSQL schema holding this test run's event store. */
    protected static synchronized String eventStoreSchema() {
        if (schema == null) {
            EmbeddedStack stack = EmbeddedStack.shared();
            String name = stack.newDatabaseName("command_side_it");
            try (Connection connection = DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(),
                    stack.postgresPassword()); Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create schema " + name, e);
            }
            schema = name;
        }
        return schema;
    }

    private static String jdbcUrlWithSchema(EmbeddedStack stack) {
        String url = stack.postgresJdbcUrl();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + eventStoreSchema();
    }

    /** Puts {@link #SECURITY_CLOCK} in charge of token lifetimes, key activation, login locks. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SecurityClockConfiguration {

        @Bean
        @Primary
        SecurityClock testSecurityClock() {
            return new SecurityClock(SECURITY_CLOCK);
        }
    }
}
