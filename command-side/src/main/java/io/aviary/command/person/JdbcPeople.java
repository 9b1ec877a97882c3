package io.aviary.command.person;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Optional;

/** {@link People} in the PostgreSQL table {@code person_workers}, written in the transaction of the token. */
public class JdbcPeople implements People {

    private final JdbcTemplate jdbc;

    public JdbcPeople(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void remember(Person person) {
        jdbc.update("INSERT INTO person_workers (user_id, username, is_worker, last_sequence) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (user_id) DO UPDATE SET username = EXCLUDED.username, "
                        + "is_worker = EXCLUDED.is_worker, last_sequence = EXCLUDED.last_sequence",
                person.userId(), person.username(), person.worker(), person.lastSequence());
    }

    @Override
    public Optional<Person> find(String userId) {
        return jdbc.query("SELECT user_id, username, is_worker, last_sequence FROM person_workers WHERE user_id = ?",
                (row, n) -> new Person(row.getString("user_id"), row.getString("username"),
                        row.getBoolean("is_worker"), row.getLong("last_sequence")), userId).stream().findFirst();
    }
}
