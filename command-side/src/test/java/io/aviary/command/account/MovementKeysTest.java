package io.aviary.command.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.command.account.MovementKeys.Kind;
import io.aviary.command.axon.EventJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MovementKeysTest {

    private static final String TASK = "6f1c1f0e-5d4b-4a57-9d59-2f1f5c3b8a10";

    @Test
    void a_key_is_task_attempt_and_kind() {
        MovementKeys keys = new MovementKeys();

        assertThat(keys.add(TASK, 1, Kind.CHARGE)).isTrue();
        assertThat(keys.add(TASK, 1, Kind.CHARGE)).isFalse();

        assertThat(keys.contains(TASK, 1, Kind.CHARGE)).isTrue();
        assertThat(keys.contains(TASK, 1, Kind.CREDIT)).isFalse();
        assertThat(keys.contains(TASK, 2, Kind.CHARGE)).isFalse();
        assertThat(keys.contains(UUID.randomUUID().toString(), 1, Kind.CHARGE)).isFalse();
        assertThat(keys.size()).isEqualTo(1);
    }

    @Test
    void ids_that_are_not_canonical_uuids_are_kept_apart() {
        MovementKeys keys = new MovementKeys();

        keys.add(TASK.toUpperCase(), 1, Kind.CHARGE);
        keys.add("task-42", 1, Kind.CHARGE);

        assertThat(keys.contains(TASK, 1, Kind.CHARGE)).as("another aggregate id").isFalse();
        assertThat(keys.contains(TASK.toUpperCase(), 1, Kind.CHARGE)).isTrue();
        assertThat(keys.contains("task-42", 1, Kind.CHARGE)).isTrue();
        assertThat(keys.contains("task-43", 1, Kind.CHARGE)).isFalse();
    }

    @Test
    void thousands_of_keys_survive_growth_and_the_snapshot_json_at_twenty_bytes_each() throws Exception {
        // given 5,000 movements (random tasks, attempts 1 to 3, both kinds)
        Random random = new Random(7);
        List<Object[]> added = new ArrayList<>();
        MovementKeys keys = new MovementKeys();
        for (int i = 0; i < 5_000; i++) {
            Object[] key = {new UUID(random.nextLong(), random.nextLong()).toString(), 1 + random.nextInt(3),
                    random.nextBoolean() ? Kind.CHARGE : Kind.CREDIT};
            if (keys.add((String) key[0], (int) key[1], (Kind) key[2])) {
                added.add(key);
            }
        }

        // when they go through the snapshot's JSON and back
        ObjectMapper json = EventJson.newObjectMapper();
        String snapshot = json.writeValueAsString(keys);
        MovementKeys restored = json.readValue(snapshot, MovementKeys.class);

        // then every key is still known, nothing else is, and the JSON is a base64 string of 20 bytes per key
        assertThat(restored).isEqualTo(keys);
        assertThat(restored.size()).isEqualTo(added.size());
        for (Object[] key : added) {
            assertThat(restored.contains((String) key[0], (int) key[1], (Kind) key[2])).isTrue();
        }
        assertThat(restored.contains(TASK, 1, Kind.CHARGE)).isFalse();
        int bytes = added.size() * 20;
        assertThat(snapshot).hasSize(2 + 4 * ((bytes + 2) / 3)); // a quoted base64 string of the raw keys
    }

    @Test
    void an_attempt_below_one_is_not_a_key() {
        assertThatThrownBy(() -> new MovementKeys().add(TASK, 0, Kind.CHARGE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
