package io.aviary.command.area.execution;

import io.aviary.command.task.TaskIds;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionTasksTest {

    @Test
    void every_id_an_execution_gives_its_tasks_may_be_an_execution_task() {
        String execution = UUID.randomUUID().toString();

        assertThat(ExecutionTasks.mayBeExecutionTask(ExecutionTasks.actionTaskId(execution))).isTrue();
        assertThat(ExecutionTasks.mayBeExecutionTask(ExecutionTasks.reactionTaskId(execution, 3))).isTrue();
        assertThat(ExecutionTasks.mayBeExecutionTask(ExecutionTasks.createdTaskId(execution, 0))).isTrue();
    }

    @Test
    void a_task_submitted_without_an_idempotency_key_is_never_an_execution_task() {
        assertThat(ExecutionTasks.mayBeExecutionTask(TaskIds.newTaskId(null))).isFalse();
    }

    @Test
    void ids_that_say_nothing_are_looked_up() {
        assertThat(ExecutionTasks.mayBeExecutionTask(TaskIds.newTaskId("key-1"))).isTrue();
        assertThat(ExecutionTasks.mayBeExecutionTask("not-a-uuid")).isTrue();
    }
}
