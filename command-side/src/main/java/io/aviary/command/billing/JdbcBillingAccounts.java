package io.aviary.command.billing;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@link BillingAccounts} in the PostgreSQL table {@code billing_accounts} ({@code billing-schema.sql}); written in
 * the transaction of the projection's token, as {@code JdbcTaskPrices} is.
 */
public class JdbcBillingAccounts implements BillingAccounts {

    private final JdbcTemplate jdbc;

    public JdbcBillingAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void opened(String accountId, String workerId, Instant openedAt) {
        jdbc.update("INSERT INTO billing_accounts (account_id, worker_id, opened_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (account_id) DO NOTHING", accountId, workerId, Timestamp.from(openedAt));
    }

    @Override
    public void closed(String accountId, LocalDate date) {
        jdbc.update("UPDATE billing_accounts SET last_closed_date = ? WHERE account_id = ? "
                + "AND (last_closed_date IS NULL OR last_closed_date < ?)", Date.valueOf(date), accountId,
                Date.valueOf(date));
    }

    @Override
    public List<String> openedBefore(Instant end) {
        return jdbc.queryForList("SELECT account_id FROM billing_accounts WHERE opened_at < ? ORDER BY account_id",
                String.class, Timestamp.from(end));
    }

    @Override
    public List<String> notClosed(LocalDate date, Instant end) {
        return jdbc.queryForList("SELECT account_id FROM billing_accounts WHERE opened_at < ? "
                        + "AND (last_closed_date IS NULL OR last_closed_date < ?) ORDER BY account_id", String.class,
                Timestamp.from(end), Date.valueOf(date));
    }
}
