package io.aviary.command.axon;

import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.task.TaskCommands.CreateTask;
import io.aviary.events.task.TaskCreated;
import io.aviary.infra.EmbeddedStack;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The event store on real PostgreSQL: Axon's tables as its JDBC engine expects them, and optimistic locking. */
class EventStoreIntegrationTest extends CommandSideIntegrationTest {

    /** Axon's tables only: the schema also holds the application's own (identity, economy). */
    private static final String COLUMNS = """
            SELECT table_name, column_name, data_type, is_nullable
            FROM information_schema.columns WHERE table_schema = ?
            AND table_name IN ('domainevententry', 'snapshotevententry', 'tokenentry', 'associationvalueentry',
                               'sagaentry')
            ORDER BY table_name, column_name""";

    @Autowired
    private EventStorageEngine storageEngine;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private CommandGateway commands;

    @Test
    void schemaSqlCreatesExactlyTheTablesOfAxonsPostgresFactories() throws SQLException {
        // given Axon's own PostgreSQL DDL, run in a schema of its own
        EmbeddedStack stack = EmbeddedStack.shared();
        String reference = stack.newDatabaseName("axon_reference");
        try (Connection connection = DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(),
                stack.postgresPassword())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + reference);
                statement.execute("SET search_path TO " + reference);
            }
            PostgresSagaSqlSchema sagaSchema = new PostgresSagaSqlSchema();
            for (PreparedStatement ddl : List.of(
                    PostgresEventTableFactory.INSTANCE.createDomainEventTable(connection, new EventSchema()),
                    PostgresEventTableFactory.INSTANCE.createSnapshotEventTable(connection, new EventSchema()),
                    PostgresTokenTableFactory.INSTANCE.createTable(connection, new TokenSchema()),
                    sagaSchema.sql_createTableAssocValueEntry(connection),
                    sagaSchema.sql_createTableSagaEntry(connection))) {
                try (ddl) {
                    ddl.execute();
                }
            }
        }

        // when the columns of both schemas are listed
        List<String> fromAxon = columns(reference);
        List<String> fromSchemaSql = columns(eventStoreSchema());

        // then schema.sql has every Axon table, column, type and nullability (and nothing in oid)
        assertThat(fromAxon).hasSizeGreaterThan(20);
        assertThat(fromSchemaSql).isEqualTo(fromAxon)
                .contains("domainevententry payload bytea NO")
                .noneMatch(column -> column.contains(" oid "));
    }

    @Test
    void twoAppendsOfTheSameSequenceNumberConflict() {
        // given an aggregate stream with one event (a plain string: not an Aviary event, so nothing reacts to it)
        String aggregate = "probe-" + UUID.randomUUID();
        storageEngine.appendEvents(event(aggregate, 0));

        // when another writer appends a first event, or two writers append the same next one
        // then the loser gets Axon's optimistic-locking exceptions, not a generic storage error
        assertThatThrownBy(() -> storageEngine.appendEvents(event(aggregate, 0)))
                .isInstanceOf(AggregateStreamCreationException.class);
        storageEngine.appendEvents(event(aggregate, 1));
        assertThatThrownBy(() -> storageEngine.appendEvents(event(aggregate, 1)))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateIdentifier = ?",
                Integer.class, aggregate)).isEqualTo(2);
    }

    @Test
    void eventsAreStoredAsJsonWithIsoDates() {
        // given a task created through the command bus
        String taskId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateTask(taskId, "it-stored-json", Map.of("n", 1), 0, Map.of(), 3, 1_000, null, 10,
                20));

        // when its stored payload is read back as text
        Map<String, Object> row = jdbc.queryForMap("SELECT payloadType, convert_from(payload, 'UTF8') AS json "
                + "FROM domainevententry WHERE aggregateIdentifier = ?", taskId);

        // then it is the event record in JSON, its date an ISO-8601 string
        assertThat(row.get("payloadType")).isEqualTo(TaskCreated.class.getName());
        assertThat((String) row.get("json")).startsWith("{\"taskId\":\"" + taskId + "\"")
                .containsPattern("\"createdAt\":\"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\"");
    }

    @Test
    void theKafkaPublisherKeepsItsPositionInTheJdbcTokenStore() {
        commands.sendAndWait(new CreateTask(UUID.randomUUID().toString(), "it-token", Map.of(), 0, Map.of(), 3, 1_000,
                null, 10, 20));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT processorName FROM tokenentry WHERE token IS NOT NULL", String.class))
                .contains(KafkaEventPublisher.DEFAULT_PROCESSING_GROUP));
    }

    private static GenericDomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Probe", aggregate, sequence, "probe " + sequence);
    }

    private List<String> columns(String schemaName) {
        return jdbc.query(COLUMNS, (row, i) -> row.getString(1) + " " + row.getString(2) + " "
                + row.getString(3) + " " + row.getString(4), schemaName);
    }
}
