package io.aviary.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.events.task.TaskStatus;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads command-side's event store (Axon's {@code domainevententry} in PostgreSQL) over JDBC, directly (not through
 * the proxy command-side uses): the source of truth every fault test compares the rest with.
 */
public final class EventStore {

    private static final String COLUMNS =
            "globalIndex, aggregateIdentifier, sequenceNumber, eventIdentifier, payloadType, timeStamp, payload";

    private final String url;
    private final String user;
    private final String password;

    public EventStore(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public static EventStore of(ReliabilityPlatform platform) {
        return new EventStore(platform.stack().postgresJdbcUrl(), platform.stack().postgresUser(),
                platform.stack().postgresPassword());
    }

    /**
     * One stored event.
     *
     * @param payloadType the event class, e.g. {@code io.aviary.events.task.TaskCompleted}
     */
    public record StoredEvent(long globalIndex, String aggregateId, long sequence, String eventId, String payloadType,
                              Instant timestamp, JsonNode payload) {

        /** The simple class name: {@code TaskCompleted}. */
        public String type() {
            return payloadType.substring(payloadType.lastIndexOf('.') + 1);
        }

        public boolean is(Class<?> eventClass) {
            return payloadType.equals(eventClass.getName());
        }

        public String text(String field) {
            return payload.path(field).asText(null);
        }
    }

    /** Every event, in global order. */
    public List<StoredEvent> all() {
        return query("SELECT " + COLUMNS + " FROM domainevententry ORDER BY globalIndex", null);
    }

    /** The events of these aggregates, each aggregate's in sequence order. */
    public Map<String, List<StoredEvent>> byAggregate(Collection<String> aggregateIds) {
        Map<String, List<StoredEvent>> grouped = new LinkedHashMap<>();
        aggregateIds.forEach(id -> grouped.put(id, new ArrayList<>()));
        for (StoredEvent event : query("SELECT " + COLUMNS + " FROM domainevententry WHERE aggregateIdentifier = ANY(?)"
                + " ORDER BY aggregateIdentifier, sequenceNumber", aggregateIds)) {
            grouped.get(event.aggregateId()).add(event);
        }
        return grouped;
    }

    /** How many events are stored. */
    public long count() {
        try (Connection connection = connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM domainevententry")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count events", e);
        }
    }

    /**
     * The status a task's read model must show after these events (README, "Task semantics"): a FAILURE report or
     * a time-out keeps the status until the retry or dead letter that follows.
     */
    public static TaskStatus statusOf(List<StoredEvent> taskEvents) {
        TaskStatus status = null;
        for (StoredEvent event : taskEvents) {
            switch (event.type()) {
                case "TaskCreated", "TaskRequeued" -> status = TaskStatus.QUEUED;
                case "TaskAssigned", "TaskReassigned" -> status = TaskStatus.ASSIGNED;
                case "TaskStarted" -> status = TaskStatus.RUNNING;
                case "TaskCompleted" -> {
                    String outcome = event.text("outcome");
                    if ("SUCCESS".equals(outcome) || "WARNING".equals(outcome)) {
                        status = TaskStatus.COMPLETED;
                    }
                }
                case "TaskRetryScheduled" -> status = TaskStatus.RETRY_SCHEDULED;
                case "TaskDeadLettered" -> status = TaskStatus.DEAD_LETTERED;
                case "TaskCancelled" -> status = TaskStatus.CANCELLED;
                default -> {
                    // TaskTimedOut keeps the status until the decision that follows it
                }
            }
        }
        return status;
    }

    private List<StoredEvent> query(String sql, Collection<String> ids) {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            if (ids != null) {
                Array array = connection.createArrayOf("varchar", ids.toArray());
                statement.setArray(1, array);
            }
            statement.setFetchSize(2000);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(new StoredEvent(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getString(4),
                            rows.getString(5), Instant.parse(rows.getString(6)), Api.read(rows.getBytes(7))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event store", e);
        }
        return events;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
