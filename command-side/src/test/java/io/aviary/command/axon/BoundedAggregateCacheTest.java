package io.aviary.command.axon;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedAggregateCacheTest {

    @Test
    void the_least_recently_used_entry_leaves_when_the_cache_is_full() {
        // given a cache of two holding a and b, where a was used last
        BoundedAggregateCache cache = new BoundedAggregateCache(2);
        List<Object> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat((Integer) cache.get("a")).isEqualTo(1);

        // when c comes in
        cache.put("c", 3);

        // then b, the least recently used, is gone and said to be
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
        assertThat(expired).containsExactly("b");
    }

    @Test
    void put_if_absent_and_compute_keep_what_is_there() {
        // given a cache holding a
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        cache.put("a", 1);

        // when
        boolean replaced = cache.putIfAbsent("a", 9);
        Integer computed = cache.computeIfAbsent("a", () -> 8);
        cache.computeIfPresent("a", (Integer value) -> value + 1);
        cache.computeIfPresent("missing", (Integer value) -> value + 1);

        // then
        assertThat(replaced).isFalse();
        assertThat(computed).isEqualTo(1);
        assertThat((Integer) cache.get("a")).isEqualTo(2);
        assertThat(cache.containsKey("missing")).isFalse();
    }

    @Test
    void remove_and_remove_all_empty_it() {
        // given
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        cache.put("a", 1);
        cache.put("b", 2);

        // when / then
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        cache.removeAll();
        assertThat(cache.size()).isZero();
    }

    @Test
    void a_cache_without_room_is_refused() {
        assertThatThrownBy(() -> new BoundedAggregateCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
