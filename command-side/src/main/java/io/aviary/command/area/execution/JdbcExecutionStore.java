package io.aviary.command.area.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.command.axon.EventJson;
import io.aviary.events.task.TaskOrigin;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Optional;

/** {@link ExecutionStore} in PostgreSQL ({@code execution-schema.sql}); upserts keep every write idempotent. */
public class JdbcExecutionStore implements ExecutionStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = EventJson.newObjectMapper();

    public JdbcExecutionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void rememberDefinition(String areaId, int version, Definition definition) {
        jdbc.update("INSERT INTO area_definitions (area_id, version, definition) VALUES (?, ?, ?) "
                + "ON CONFLICT (area_id, version) DO NOTHING", areaId, version, write(definition));
    }

    @Override
    public Optional<Definition> definition(String areaId, int version) {
        List<String> rows = jdbc.queryForList("SELECT definition FROM area_definitions WHERE area_id = ? AND "
                + "version = ?", String.class, areaId, version);
        return rows.stream().findFirst().map(this::read);
    }

    @Override
    public void rememberExecution(Execution execution) {
        jdbc.update("INSERT INTO area_running_executions (execution_id, area_id, version) VALUES (?, ?, ?) "
                + "ON CONFLICT (execution_id) DO NOTHING", execution.executionId(), execution.areaId(),
                execution.version());
    }

    @Override
    public Optional<Execution> execution(String executionId) {
        return jdbc.query("SELECT area_id, version FROM area_running_executions WHERE execution_id = ?",
                (rs, row) -> new Execution(executionId, rs.getString(1), rs.getInt(2)), executionId)
                .stream().findFirst();
    }

    @Override
    public void forgetExecution(String executionId) {
        jdbc.update("DELETE FROM area_execution_tasks WHERE execution_id = ?", executionId);
        jdbc.update("DELETE FROM area_running_executions WHERE execution_id = ?", executionId);
    }

    @Override
    public void rememberTask(String taskId, TaskOrigin origin) {
        jdbc.update("INSERT INTO area_execution_tasks (task_id, area_id, execution_id, role, idx) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (task_id) DO NOTHING", taskId, origin.areaId(),
                origin.executionId(), origin.role(), origin.index());
    }

    @Override
    public Optional<TaskOrigin> task(String taskId) {
        return jdbc.query("SELECT area_id, execution_id, role, idx FROM area_execution_tasks WHERE task_id = ?",
                (rs, row) -> new TaskOrigin(rs.getString(1), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4)), taskId).stream().findFirst();
    }

    @Override
    public void rememberHash(String areaId, String hash) {
        jdbc.update("INSERT INTO area_poll_hashes (area_id, last_hash) VALUES (?, ?) "
                + "ON CONFLICT (area_id) DO UPDATE SET last_hash = EXCLUDED.last_hash", areaId, hash);
    }

    @Override
    public Optional<String> lastHash(String areaId) {
        return jdbc.queryForList("SELECT last_hash FROM area_poll_hashes WHERE area_id = ?", String.class, areaId)
                .stream().findFirst();
    }

    @Override
    public void forgetHash(String areaId) {
        jdbc.update("DELETE FROM area_poll_hashes WHERE area_id = ?", areaId);
    }

    private String write(Definition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an AREA definition", e);
        }
    }

    private Definition read(String text) {
        try {
            return json.readValue(text, Definition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored AREA definition", e);
        }
    }
}
