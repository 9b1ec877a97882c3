package io.aviary.command.axon;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.task.TaskCommands.CancelTask;
import io.aviary.command.task.TaskCommands.CreateTask;
import io.aviary.command.task.TaskCommands.StartTask;
import io.aviary.command.web.CommandSender;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCancelled;
import io.aviary.events.task.TaskStarted;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The task aggregate cache on the real event store: commands after the first are decided on the cached aggregate,
 * and a cache another replica made stale (simulated by appending to the event store behind the repository's back)
 * neither writes a second event on a stale sequence nor rejects a command the stored state accepts.
 */
class AggregateCacheIntegrationTest extends CommandSideIntegrationTest {

    @Autowired
    private CommandSender commands;
    @Autowired
    private EventStore eventStore;
    @Autowired
    @Qualifier(AggregateCacheConfiguration.TASKS)
    private Cache taskCache;

    @Test
    void a_created_task_is_kept_in_the_cache() {
        // given / when a task is created (of a type no worker takes, so it stays queued)
        String taskId = createTask();

        // then its aggregate is in the cache for the next command
        assertThat(taskCache.containsKey(taskId)).isTrue();
    }

    @Test
    void a_stale_cache_does_not_write_on_a_sequence_another_replica_took() {
        // given a cached queued task, cancelled meanwhile by another replica
        String taskId = createTask();
        appendAsAnotherReplica(taskId, 1, new TaskCancelled(taskId, type(taskId), 0, null, "elsewhere", Instant.now()));

        // when this replica cancels it too
        // then its first try (on the cached, queued task) loses on the sequence, the second sees it cancelled
        assertThatThrownBy(() -> commands.send(new CancelTask(taskId, "here")))
                .isInstanceOf(CommandRejectedException.class);
        assertThat(storedTypes(taskId)).containsExactly("TaskCreated", "TaskCancelled");
    }

    @Test
    void a_stale_cache_does_not_reject_what_the_stored_state_accepts() {
        // given a cached queued task, assigned meanwhile by another replica's dispatcher
        String taskId = createTask();
        String workerId = "worker-" + UUID.randomUUID();
        appendAsAnotherReplica(taskId, 1, new TaskAssigned(taskId, type(taskId), 1, workerId, Map.of(),
                3_600_000, Instant.now()));

        // when the worker's agent reports the start here
        commands.send(new StartTask(taskId, workerId, 1));

        // then the cached aggregate rejected it, and the second try on the stored state started the attempt
        assertThat(storedTypes(taskId)).containsExactly("TaskCreated", "TaskAssigned", "TaskStarted");
        assertThat(eventStore.readEvents(taskId).asStream().map(Message::getPayload).toList().get(2))
                .isInstanceOfSatisfying(TaskStarted.class, started -> assertThat(started.workerId()).isEqualTo(workerId));
    }

    private String createTask() {
        String taskId = UUID.randomUUID().toString();
        commands.send(new CreateTask(taskId, type(taskId), Map.of(), 0, Map.of(), 3, 3_600_000, null, 0, 0));
        return taskId;
    }

    private static String type(String taskId) {
        return "cache-" + taskId.substring(0, 8);
    }

    private void appendAsAnotherReplica(String taskId, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("TaskAggregate", taskId, sequence, event));
    }

    private List<String> storedTypes(String taskId) {
        return eventStore.readEvents(taskId).asStream().map(message -> message.getPayloadType().getSimpleName())
                .toList();
    }
}
