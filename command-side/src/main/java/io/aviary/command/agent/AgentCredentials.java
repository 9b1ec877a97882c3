package io.aviary.command.agent;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Optional;

import static io.aviary.command.auth.SqlTimes.at;

/** The {@code agent_credentials} table: each enrolled agent's hardware and hashed secret. */
@Repository
class AgentCredentials {

    private final JdbcTemplate jdbc;

    AgentCredentials(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AgentCredential> find(String workerId) {
        return jdbc.query("SELECT worker_id, name, hardware_id, secret_hash FROM agent_credentials "
                        + "WHERE worker_id = ?",
                (rs, n) -> new AgentCredential(rs.getString("worker_id"), rs.getString("name"),
                        rs.getString("hardware_id"), rs.getString("secret_hash")), workerId).stream().findFirst();
    }

    /**
     * Enrols the agent, or enrols it again on the same hardware with a new secret.
     *
     * @return {@code false} if the name is enrolled on other hardware (nothing changed)
     */
    boolean save(AgentCredential credential, Instant now) {
        return jdbc.update("INSERT INTO agent_credentials (worker_id, name, hardware_id, secret_hash, enrolled_at) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (worker_id) DO UPDATE "
                        + "SET secret_hash = EXCLUDED.secret_hash, enrolled_at = EXCLUDED.enrolled_at "
                        + "WHERE agent_credentials.hardware_id = EXCLUDED.hardware_id",
                credential.workerId(), credential.name(), credential.hardwareId(), credential.secretHash(),
                at(now)) == 1;
    }
}
