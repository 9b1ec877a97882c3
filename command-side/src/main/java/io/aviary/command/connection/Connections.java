package io.aviary.command.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.command.CommandRejectedException;
import io.aviary.command.secrets.SecretBox;
import io.aviary.command.web.InvalidFieldsException;
import io.aviary.command.web.InvalidFieldsException.FieldProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Named credentials in PostgreSQL, each encrypted on its own ({@link SecretBox}, associated data
 * {@code connection:<name>}). They are not events: the event log is forever and replicated to Kafka, a secret must be
 * deletable and never leave the command side except to an agent that needs it.
 */
public class Connections {

    private final JdbcTemplate jdbc;
    private final SecretBox box;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    public Connections(JdbcTemplate jdbc, SecretBox box, Clock clock) {
        this.jdbc = jdbc;
        this.box = box;
        this.clock = clock;
    }

    /**
     * Stores a new connection.
     *
     * @throws InvalidFieldsException   when the credential does not fit its type
     * @throws CommandRejectedException when the name is taken
     */
    public ConnectionSummary create(ConnectionRequest request, String createdBy) {
        Credential credential = credential(request);
        byte[] secret;
        try {
            secret = box.encrypt(json.writeValueAsBytes(credential), context(credential.name()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a credential", e);
        }
        ConnectionSummary summary = new ConnectionSummary(credential.name(), credential.type(), createdBy,
                clock.instant());
        try {
            jdbc.update("INSERT INTO connections (name, type, secret, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                    summary.name(), summary.type(), secret, createdBy, Timestamp.from(summary.createdAt()));
        } catch (DuplicateKeyException e) {
            throw new CommandRejectedException("A connection named '" + summary.name() + "' exists already; delete "
                    + "it first to replace it");
        }
        return summary;
    }

    public List<ConnectionSummary> list() {
        return jdbc.query("SELECT name, type, created_by, created_at FROM connections ORDER BY name",
                (rs, row) -> new ConnectionSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()));
    }

    public boolean exists(String name) {
        return !jdbc.queryForList("SELECT 1 FROM connections WHERE name = ?", Integer.class, name).isEmpty();
    }

    /** Deletes a connection; {@code false} if there was none of that name. */
    public boolean delete(String name) {
        return jdbc.update("DELETE FROM connections WHERE name = ?", name) > 0;
    }

    /** The credential in clear, for an agent. */
    public Optional<Credential> credential(String name) {
        List<byte[]> stored = jdbc.query("SELECT secret FROM connections WHERE name = ?",
                (rs, row) -> rs.getBytes(1), name);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(box.decrypt(stored.get(0), context(name)), Credential.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("connection '" + name + "' holds an unreadable credential");
        }
    }

    private static Credential credential(ConnectionRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        Credential credential;
        if (Credential.BEARER.equals(request.type())) {
            requireText(request.token(), "token", "a bearer connection", problems);
            forbid(request.username(), "username", problems);
            forbid(request.password(), "password", problems);
            credential = new Credential(request.name(), Credential.BEARER, request.token(), null, null);
        } else {
            requireText(request.username(), "username", "a basic connection", problems);
            if (request.password() == null) {
                problems.add(new FieldProblem("password", "is required for a basic connection"));
            }
            forbid(request.token(), "token", problems);
            credential = new Credential(request.name(), Credential.BASIC, null, request.username(),
                    request.password());
        }
        if (!problems.isEmpty()) {
            throw new InvalidFieldsException(problems);
        }
        return credential;
    }

    private static void requireText(String value, String field, String what, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required for " + what));
        }
    }

    private static void forbid(String value, String field, List<FieldProblem> problems) {
        if (value != null) {
            problems.add(new FieldProblem(field, "does not belong to this type of connection"));
        }
    }

    /** Associated data binding a ciphertext to its row. */
    static String context(String name) {
        return "connection:" + name;
    }
}
