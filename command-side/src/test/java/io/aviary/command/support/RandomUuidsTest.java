package io.aviary.command.support;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RandomUuidsTest {

    @Test
    void ids_are_version_4_uuids_and_distinct_across_threads() {
        // when 8 threads draw 20,000 ids each
        Set<UUID> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 8).parallel().forEach(thread -> {
            for (int i = 0; i < 20_000; i++) {
                ids.add(RandomUuids.next());
            }
        });

        // then none repeats, and each is a random UUID in the IETF variant
        assertThat(ids).hasSize(160_000);
        assertThat(ids).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
        });
    }

    @Test
    void axon_takes_its_message_ids_from_here() {
        IdentifierFactory factory = IdentifierFactory.getInstance();

        assertThat(factory.getClass().getSimpleName()).isEqualTo("RandomIdentifierFactory");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(factory.generateIdentifier());
        }
        assertThat(ids).hasSize(1_000).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(4));
    }
}
