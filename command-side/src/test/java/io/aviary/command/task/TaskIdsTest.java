package io.aviary.command.task;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TaskIdsTest {

    @Test
    void theSameIdempotencyKeyAlwaysGivesTheSameId() {
        assertThat(TaskIds.newTaskId("order-42")).isEqualTo(TaskIds.newTaskId("order-42"))
                .isNotEqualTo(TaskIds.newTaskId("order-43"));
    }

    @Test
    void withoutAKeyEveryTaskGetsARandomUuid() {
        String id = TaskIds.newTaskId(null);

        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        assertThat(TaskIds.newTaskId(null)).isNotEqualTo(id);
    }
}
