package io.aviary.command.account;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link TaskPrices} in a map, for tests without PostgreSQL. */
class InMemoryTaskPrices implements TaskPrices {

    private final Map<String, Prices> prices = new ConcurrentHashMap<>();

    @Override
    public void remember(String taskId, Prices price) {
        prices.putIfAbsent(taskId, price);
    }

    @Override
    public Optional<Prices> find(String taskId) {
        return Optional.ofNullable(prices.get(taskId));
    }

    @Override
    public void forget(String taskId) {
        prices.remove(taskId);
    }

    int size() {
        return prices.size();
    }
}
