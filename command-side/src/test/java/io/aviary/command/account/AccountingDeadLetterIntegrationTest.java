package io.aviary.command.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.events.account.AccountCharged;
import io.aviary.events.account.AccountIds;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCreated;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One event that can never be accounted no longer stops all accounting: it is parked in the dead-letter queue with
 * its cause, the other accounts go on, and an operator sees it and can retry it.
 */
class AccountingDeadLetterIntegrationTest extends CommandSideIntegrationTest {

    private static final String PATH = "/api/v1/admin/dead-letters/accounting";

    @Autowired
    private EventStore eventStore;

    @Test
    void a_poisoned_event_is_parked_and_the_other_accounts_go_on() {
        // given a task whose stored fee is negative (no API creates one; a bug or a hand-edited store could), assigned
        String type = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        String poisoned = UUID.randomUUID().toString();
        String victim = "worker-" + UUID.randomUUID();
        append(poisoned, 0, new TaskCreated(poisoned, type, Map.of(), 0, Map.of(), 3, 3_600_000, null, -5, 10,
                Instant.now()));
        append(poisoned, 1, new TaskAssigned(poisoned, type, 1, victim, Map.of(), 3_600_000, Instant.now()));
        // and after it, a healthy task assigned to another worker
        String healthy = UUID.randomUUID().toString();
        String worker = "worker-" + UUID.randomUUID();
        append(healthy, 0, new TaskCreated(healthy, type, Map.of(), 0, Map.of(), 3, 3_600_000, null, 3, 10,
                Instant.now()));
        append(healthy, 1, new TaskAssigned(healthy, type, 1, worker, Map.of(), 3_600_000, Instant.now()));

        // then the healthy assignment is charged: the poisoned one did not stop the processor
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(eventStore.readEvents(AccountIds.forWorker(worker)).asStream()
                        .map(Message::getPayload).filter(AccountCharged.class::isInstance).toList()).hasSize(1));

        // and the poisoned assignment is parked, with its cause, for an operator to see
        List<JsonNode> letters = await().atMost(Duration.ofSeconds(30)).until(() -> lettersOf(poisoned),
                found -> !found.isEmpty());
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.path("eventType").asText()).isEqualTo("TaskAssigned");
            assertThat(letter.path("causeMessage").asText()).contains("amount must not be negative");
        });

        // when an operator retries while the cause is still there
        ResponseEntity<JsonNode> retried = api().post(PATH + ":retry", Map.of(), api().adminToken());

        // then it stays parked, and nothing was charged to its worker
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retried.getBody().path("parked").asLong()).isPositive();
        assertThat(lettersOf(poisoned)).hasSize(1);
        assertThat(eventStore.readEvents(AccountIds.forWorker(victim)).asStream().map(Message::getPayload)
                .filter(AccountCharged.class::isInstance).toList()).isEmpty();
    }

    @Test
    void only_admins_and_accountants_see_the_dead_letters() {
        String manager = "dlq-manager-" + UUID.randomUUID().toString().substring(0, 8);
        api().createUser(manager, "manager-password-0123", "MANAGER");
        String token = api().login(manager, "manager-password-0123").get("accessToken").asText();

        ResponseEntity<JsonNode> answer = api().exchange(HttpMethod.GET, PATH, null,
                io.aviary.command.support.TestApi.bearer(token));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private List<JsonNode> lettersOf(String taskId) {
        ResponseEntity<JsonNode> answer = api().exchange(HttpMethod.GET, PATH, null,
                io.aviary.command.support.TestApi.bearer(api().adminToken()));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<JsonNode> letters = new ArrayList<>();
        answer.getBody().path("sequences").forEach(sequence -> sequence.forEach(letter -> {
            if (taskId.equals(letter.path("aggregateId").asText())) {
                letters.add(letter);
            }
        }));
        return letters;
    }

    private void append(String taskId, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("TaskAggregate", taskId, sequence, event));
    }
}
