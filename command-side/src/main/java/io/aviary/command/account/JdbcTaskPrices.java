package io.aviary.command.account;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Optional;

/**
 * {@link TaskPrices} in the PostgreSQL table {@code task_prices} (created by {@code accounting-schema.sql}). Through
 * Spring's {@link JdbcTemplate}, so inside a tracking processor it joins the transaction that Axon's
 * {@code SpringTransactionManager} started for the batch: the row and the processor's token (Axon's
 * {@code JdbcTokenStore} on the same DataSource) commit or roll back together.
 */
public class JdbcTaskPrices implements TaskPrices {

    private final JdbcTemplate jdbc;

    public JdbcTaskPrices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void remember(String taskId, Prices prices) {
        jdbc.update("INSERT INTO task_prices (task_id, fee, reward) VALUES (?, ?, ?) ON CONFLICT (task_id) DO NOTHING",
                taskId, prices.fee(), prices.reward());
    }

    @Override
    public Optional<Prices> find(String taskId) {
        return jdbc.query("SELECT fee, reward FROM task_prices WHERE task_id = ?",
                (row, n) -> new Prices(row.getLong("fee"), row.getLong("reward")), taskId).stream().findFirst();
    }

    @Override
    public void forget(String taskId) {
        jdbc.update("DELETE FROM task_prices WHERE task_id = ?", taskId);
    }
}
