package io.aviary.benchmarks.rig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts rows of Axon's event table ({@code domainevententry}) in the command side's PostgreSQL database. */
public final class EventStore {

    private final String url;
    private final String user;
    private final String password;

    public EventStore(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public long countEvents() {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domainevententry")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the stored events: " + e.getMessage(), e);
        }
    }

    /** Transactions committed in the event store's database so far ({@code pg_stat_database.xact_commit}). */
    public long commits() {
        return single("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
    }

    /** The newest event's global index (0 for none). */
    public long maxGlobalIndex() {
        return single("SELECT coalesce(max(globalindex), 0) FROM domainevententry");
    }

    /** Stored events after a global index, by payload type (simple class name), most frequent first. */
    public Map<String, Long> eventTypesAfter(long globalIndex) {
        Map<String, Long> types = new LinkedHashMap<>();
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement("SELECT payloadtype, count(*) FROM "
                     + "domainevententry WHERE globalindex > ? GROUP BY payloadtype ORDER BY count(*) DESC")) {
            statement.setLong(1, globalIndex);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(1);
                    types.put(type.substring(type.lastIndexOf('.') + 1), rows.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the stored events by type: " + e.getMessage(), e);
        }
        return types;
    }

    private long single(String sql) {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }
}
