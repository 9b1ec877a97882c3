package io.aviary.command.support;

import com.zaxxer.hikari.HikariDataSource;
import io.aviary.command.axon.CatalogRevisionResolver;
import io.aviary.command.axon.EventJson;
import io.aviary.command.axon.PostgresDuplicateKeyResolver;
import io.aviary.command.axon.TaskCreatedUpcaster;
import io.aviary.infra.EmbeddedStack;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real Axon JDBC event store on the embedded PostgreSQL, in a fresh schema, configured like the application's
 * (Jackson, catalog revisions, the TaskCreated upcaster, duplicate keys as concurrency exceptions). Several Axon
 * configurations can share it, as several command-side replicas share one database.
 */
public final class PostgresEventStore implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Serializer serializer;
    private final JdbcEventStorageEngine engine;

    /** A fresh schema named after {@code prefix}, with Axon's tables. */
    public PostgresEventStore(String prefix) {
        EmbeddedStack stack = EmbeddedStack.shared();
        String schema = stack.newDatabaseName(prefix);
        try (Connection connection = DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(),
                stack.postgresPassword()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        dataSource = new HikariDataSource();
        String url = stack.postgresJdbcUrl();
        dataSource.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        dataSource.setUsername(stack.postgresUser());
        dataSource.setPassword(stack.postgresPassword());
        dataSource.setMaximumPoolSize(6);
        new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(dataSource);
        serializer = JacksonSerializer.builder().objectMapper(EventJson.newObjectMapper())
                .revisionResolver(new CatalogRevisionResolver()).build();
        engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(dataSource)))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(new TaskCreatedUpcaster()))
                .persistenceExceptionResolver(new PostgresDuplicateKeyResolver())
                .build();
    }

    public JdbcEventStorageEngine engine() {
        return engine;
    }

    public Serializer serializer() {
        return serializer;
    }

    /** The schema's data source, for looking at rows directly. */
    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
