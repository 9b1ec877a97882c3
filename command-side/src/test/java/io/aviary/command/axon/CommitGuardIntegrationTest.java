package io.aviary.command.axon;

import com.zaxxer.hikari.HikariDataSource;
import io.aviary.command.support.PostgresEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code schema.sql}'s commit guard: a transaction that appended events commits within the session's bound or not at
 * all, so no gap in the global index outlives what tracking processors wait for (ADR 0017).
 */
class CommitGuardIntegrationTest {

    private static final long BOUND_MS = 500;

    private final PostgresEventStore store = new PostgresEventStore("commit_guard");

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aTransactionThatAppendedAnEventCommitsWithinTheBoundAndNotAfterIt() throws SQLException {
        try (Connection session = session()) {
            // given a session with a bound of 500 ms, as command-side passes it, and a young transaction
            String young = insertEvent(session);
            session.commit();

            // when a transaction appends an event and commits once it is older than the bound
            String old = insertEvent(session);
            awaitOlderThanBound(session);

            // then that commit fails and rolls back; the young one stands
            assertThatThrownBy(session::commit).isInstanceOf(SQLException.class)
                    .hasMessageContaining("longer than aviary.max_event_transaction_ms (500 ms)")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57014");
            assertThat(count("SELECT count(*) FROM domainevententry WHERE eventIdentifier = ANY (?)", young, old))
                    .isEqualTo(1);
        }
    }

    @Test
    void aTransactionThatAppendedNoEventIsNotBounded() throws SQLException {
        try (Connection session = session()) {
            // given an old transaction that only moved a processor's token (the Kafka publisher's, waiting for acks)
            String processor = "processor-" + UUID.randomUUID();
            try (PreparedStatement token = session.prepareStatement(
                    "INSERT INTO tokenentry (processorName, segment, owner) VALUES (?, 0, 'it')")) {
                token.setString(1, processor);
                token.executeUpdate();
            }
            awaitOlderThanBound(session);

            // when it commits, then it does
            session.commit();
            assertThat(count("SELECT count(*) FROM tokenentry WHERE processorName = ANY (?)", processor)).isEqualTo(1);
        }
    }

    /** A connection to the store's schema that sets the bound as a connection option, as command-side's pool does. */
    private Connection session() throws SQLException {
        Properties properties = new Properties();
        HikariDataSource pool = (HikariDataSource) store.dataSource();
        properties.setProperty("user", pool.getUsername());
        properties.setProperty("password", pool.getPassword());
        properties.setProperty("options", "-c " + EventStoreConfiguration.BOUND_SETTING + "=" + BOUND_MS);
        Connection connection = DriverManager.getConnection(pool.getJdbcUrl(), properties);
        connection.setAutoCommit(false);
        return connection;
    }

    private static String insertEvent(Connection session) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement insert = session.prepareStatement("INSERT INTO domainevententry (aggregateIdentifier, "
                + "sequenceNumber, type, eventIdentifier, payload, payloadType, timeStamp) "
                + "VALUES (?, 0, 'Probe', ?, 'probe'::bytea, 'java.lang.String', ?)")) {
            insert.setString(1, "probe-" + id);
            insert.setString(2, id);
            insert.setString(3, Instant.now().toString());
            insert.executeUpdate();
        }
        return id;
    }

    /** Polls the transaction's own age (in the database, the clock the guard uses) until it exceeds the bound. */
    private static void awaitOlderThanBound(Connection session) {
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            try (ResultSet age = session.createStatement().executeQuery(
                    "SELECT clock_timestamp() - transaction_timestamp() > interval '" + (BOUND_MS + 50) + " ms'")) {
                return age.next() && age.getBoolean(1);
            }
        });
    }

    /** Counts, in another session, the committed rows of {@code sql} (one array parameter) for {@code ids}. */
    private int count(String sql, String... ids) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement count = connection.prepareStatement(sql)) {
            count.setArray(1, connection.createArrayOf("varchar", ids));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
