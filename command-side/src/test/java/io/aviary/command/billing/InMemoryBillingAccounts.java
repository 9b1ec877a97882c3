package io.aviary.command.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link BillingAccounts} in a map, for tests without PostgreSQL. */
class InMemoryBillingAccounts implements BillingAccounts {

    private record Row(String workerId, Instant openedAt, LocalDate lastClosed) {
    }

    private final Map<String, Row> rows = new TreeMap<>();

    @Override
    public synchronized void opened(String accountId, String workerId, Instant openedAt) {
        rows.putIfAbsent(accountId, new Row(workerId, openedAt, null));
    }

    @Override
    public synchronized void closed(String accountId, LocalDate date) {
        rows.computeIfPresent(accountId, (id, row) -> row.lastClosed() != null && !row.lastClosed().isBefore(date)
                ? row : new Row(row.workerId(), row.openedAt(), date));
    }

    @Override
    public synchronized List<String> openedBefore(Instant end) {
        return rows.entrySet().stream().filter(e -> e.getValue().openedAt().isBefore(end)).map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public synchronized List<String> notClosed(LocalDate date, Instant end) {
        return rows.entrySet().stream()
                .filter(e -> e.getValue().openedAt().isBefore(end))
                .filter(e -> e.getValue().lastClosed() == null || e.getValue().lastClosed().isBefore(date))
                .map(Map.Entry::getKey).toList();
    }
}
