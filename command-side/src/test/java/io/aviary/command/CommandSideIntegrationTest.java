package io.aviary.command;

import io.aviary.infra.EmbeddedStack;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Base of every integration test of this module: the whole application on a random port against the real embedded
 * servers (PostgreSQL, Kafka). Every subclass shares this exact configuration, so Spring builds the context once per
 * test run and caches it; do not add per-class properties or {@code @MockBean}s (that would start a second context).
 * The event store lives in a schema of its own, so runs against an external PostgreSQL do not see each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // tests disable metrics export by default; /actuator/prometheus is API
public abstract class CommandSideIntegrationTest {

    private static String schema;

    @DynamicPropertySource
    static void embeddedServers(DynamicPropertyRegistry registry) {
        EmbeddedStack stack = EmbeddedStack.shared();
        registry.add("spring.datasource.url", () -> jdbcUrlWithSchema(stack));
        registry.add("spring.datasource.username", stack::postgresUser);
        registry.add("spring.datasource.password", stack::postgresPassword);
        registry.add("spring.kafka.bootstrap-servers", stack::kafkaBootstrap);
        registry.add("axon.kafka.bootstrap-servers", stack::kafkaBootstrap);
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
}
