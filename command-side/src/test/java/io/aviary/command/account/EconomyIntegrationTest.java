package io.aviary.command.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.account.AccountCommands.ChargeAccount;
import io.aviary.command.dispatch.FleetView;
import io.aviary.command.dispatch.OpenTaskView;
import io.aviary.command.support.Heartbeats;
import io.aviary.command.support.TestApi;
import io.aviary.command.support.TestApi.Agent;
import io.aviary.events.EventCatalog;
import io.aviary.events.EventCatalog.EventType;
import io.aviary.events.Topics;
import io.aviary.events.account.AccountCharged;
import io.aviary.events.account.AccountCredited;
import io.aviary.events.account.AccountEvent;
import io.aviary.events.account.AccountIds;
import io.aviary.events.account.AccountOpened;
import io.aviary.events.account.BillingCycleClosed;
import io.aviary.events.account.PayoutIssued;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.task.TaskStatus;
import io.aviary.events.worker.WorkerIds;
import io.aviary.events.worker.WorkerRegistered;
import io.aviary.events.worker.WorkerState;
import io.aviary.events.worker.WorkerStateChanged;
import io.aviary.infra.EmbeddedStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The task economy on the real stack (embedded PostgreSQL event store, real Kafka broker), through the HTTP API with
 * tokens: accounts open with registrations, assignments and shuffles charge the assignees, completions credit them,
 * an accountant closes the billing cycle, and a WORKER user is a worker with an account whom silence never marks
 * DOWN. Each test uses task types of its own, so the shared context's other workers never take its tasks. Also: the
 * price table shares the transaction of the processor's token, and an account loads from a snapshot in PostgreSQL.
 */
class EconomyIntegrationTest extends CommandSideIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String PASSWORD = "economy-password-0123";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private EventStore eventStore;
    @Autowired
    private FleetView fleetView;
    @Autowired
    private Snapshotter snapshotter;
    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration eventProcessing;
    @Autowired
    private TokenStore tokenStore;
    @Autowired
    private TransactionManager transactionManager;
    @Autowired
    private TaskPrices taskPrices;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final Heartbeats heartbeats = new Heartbeats();

    @AfterEach
    void stopBeating() {
        heartbeats.close();
    }

    @Test
    void assignments_shuffle_completion_and_billing_close_move_the_money_of_the_right_accounts() {
        // given three beating agents of a task type of this test, and an accountant and a manager
        String type = "it-economy-" + suffix;
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            agents.add(beatingWorker("it-econ-" + i + "-" + suffix, type));
        }
        String accountant = userToken("it-accountant-" + suffix, "ACCOUNTANT");
        String manager = userToken("it-manager-" + suffix, "MANAGER");

        // then each worker has an account
        for (Agent agent : agents) {
            await().atMost(PATIENCE).until(() -> !accountEvents(agent.workerId(), AccountOpened.class).isEmpty());
        }

        // when six tasks are created
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(createTask(type));
        }

        // then each is assigned, and its fee is charged to its assignee, dated with the assignment
        for (String task : tasks) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                TaskAssigned assigned = single(task, TaskAssigned.class);
                assertThat(accountEvents(assigned.workerId(), AccountCharged.class)).anySatisfy(charge -> {
                    assertThat(charge.taskId()).isEqualTo(task);
                    assertThat(charge.attempt()).isEqualTo(1);
                    assertThat(charge.amount()).isEqualTo(single(task, TaskCreated.class).assignmentFee());
                    assertThat(charge.reason()).isEqualTo("assignment");
                    assertThat(charge.chargedAt()).isEqualTo(assigned.assignedAt());
                });
            });
        }

        // and when one of them is started by its agent (it runs), and the manager shuffles
        String running = tasks.get(0);
        TaskAssigned runningAssignment = single(running, TaskAssigned.class);
        Agent runner = agents.stream().filter(a -> a.workerId().equals(runningAssignment.workerId())).findFirst()
                .orElseThrow();
        assertThat(api().post("/api/v1/tasks/" + running + "/start", Map.of("workerId", runner.workerId(),
                "attempt", 1), runner.headers()).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(PATIENCE).until(() -> statusInView(running) == TaskStatus.RUNNING
                && tasks.stream().skip(1).allMatch(task -> statusInView(task) == TaskStatus.ASSIGNED));
        ResponseEntity<JsonNode> shuffled = api().post("/api/v1/tasks/shuffle", null, manager);

        // then the five others moved to another worker, each charged to its new assignee; the running one stayed
        assertThat(shuffled.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(shuffled.getBody().get("reassigned").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(shuffled.getBody().get("skippedRunning").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(payloads(running, TaskReassigned.class)).isEmpty();
        for (String task : tasks.subList(1, tasks.size())) {
            TaskReassigned moved = single(task, TaskReassigned.class);
            assertThat(moved.toWorkerId()).isNotEqualTo(moved.fromWorkerId());
            assertThat(moved.attempt()).isEqualTo(2);
            assertThat(moved.reason()).isEqualTo("shuffle");
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(accountEvents(moved.toWorkerId(),
                    AccountCharged.class)).anySatisfy(charge -> {
                        assertThat(charge.taskId()).isEqualTo(task);
                        assertThat(charge.attempt()).isEqualTo(2);
                        assertThat(charge.reason()).isEqualTo("reassignment");
                        assertThat(charge.amount()).isEqualTo(single(task, TaskCreated.class).assignmentFee());
                    }));
        }

        // and when a fourth worker completes tasks of its own until its balance is positive
        Agent earner = beatingWorker("it-earner-" + suffix, type + "-earner");
        long earnerBalance = 0;
        for (int i = 0; i < 5 && earnerBalance <= 0; i++) {
            earnerBalance = completeOneTask(earner, type + "-earner");
        }
        assertThat(earnerBalance).isPositive();

        // and the accountant closes today's billing cycle
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ResponseEntity<JsonNode> closed = api().post("/api/v1/billing-cycles/close", Map.of("date", today.toString()),
                accountant);

        // then every account closed the day with its balance; the positive one was paid out, the negative ones not
        assertThat(closed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(closed.getBody().get("date").asText()).isEqualTo(today.toString());
        assertThat(closed.getBody().get("accounts").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(closed.getBody().get("closed").asInt()).isGreaterThanOrEqualTo(4);
        for (Agent agent : agents) {
            long balance = balanceFromMovements(agent.workerId());
            assertThat(balance).isNegative();
            assertThat(accountEvents(agent.workerId(), BillingCycleClosed.class)).singleElement().satisfies(close -> {
                assertThat(close.cycleDate()).isEqualTo(today);
                assertThat(close.balance()).isEqualTo(balance);
            });
            assertThat(accountEvents(agent.workerId(), PayoutIssued.class)).isEmpty();
        }
        long earned = earnerBalance;
        assertThat(accountEvents(earner.workerId(), BillingCycleClosed.class)).singleElement()
                .satisfies(close -> assertThat(close.balance()).isEqualTo(earned));
        assertThat(accountEvents(earner.workerId(), PayoutIssued.class)).singleElement()
                .satisfies(payout -> assertThat(payout.amount()).isEqualTo(earned));

        // and closing the same day again closes nothing; a future day is refused; a manager may not close
        ResponseEntity<JsonNode> again = api().post("/api/v1/billing-cycles/close",
                Map.of("date", today.toString()), accountant);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(accountEvents(earner.workerId(), BillingCycleClosed.class)).hasSize(1);
        ResponseEntity<JsonNode> future = api().post("/api/v1/billing-cycles/close",
                Map.of("date", today.plusDays(1).toString()), accountant);
        assertThat(future.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(future.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(future.getBody().get("detail").asText()).contains(today.plusDays(1).toString());
        assertThat(api().post("/api/v1/billing-cycles/close", Map.of(), manager).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        // and the earner's account events reach Kafka in the wire format, valid against their schemas
        assertAccountOnKafka(earner.workerId(), 5);
    }

    @Test
    void a_snapshotted_account_loaded_from_postgresql_still_recognises_its_movements() {
        // given a worker's account with a charge
        Agent agent = beatingWorker("it-snap-" + suffix, "it-snapshot-" + suffix);
        String task = createTask("it-snapshot-" + suffix);
        await().atMost(PATIENCE).until(() -> !accountEvents(agent.workerId(), AccountCharged.class).isEmpty());
        AccountCharged charge = accountEvents(agent.workerId(), AccountCharged.class).get(0);
        String accountId = AccountIds.forWorker(agent.workerId());

        // when it is snapshotted into the event store
        snapshotter.scheduleSnapshot(AccountAggregate.class, accountId);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT count(*) FROM snapshotevententry "
                + "WHERE aggregateIdentifier = ? AND payloadRevision = '1'", Integer.class, accountId) == 1);

        // then, loaded from the snapshot, it refuses the same charge again and books a new one on its balance
        Boolean repeated = commandGateway.sendAndWait(ChargeAccount.forWorker(agent.workerId(), task, 1, 99,
                "assignment", charge.chargedAt()));
        Boolean another = commandGateway.sendAndWait(ChargeAccount.forWorker(agent.workerId(), task, 7, 5,
                "reassignment", charge.chargedAt()));
        assertThat(repeated).isFalse();
        assertThat(another).isTrue();
        assertThat(accountEvents(agent.workerId(), AccountCharged.class)).hasSize(2).last()
                .satisfies(last -> assertThat(last.balanceAfter()).isEqualTo(-charge.amount() - 5));
    }

    @Test
    void a_user_with_role_worker_is_a_worker_with_an_account_never_marked_down_until_the_role_goes() {
        // given a user created with role WORKER
        String username = "it-person-" + suffix;
        String userId = api().createUser(username, PASSWORD, "WORKER");
        String workerId = WorkerIds.forName(username);

        // then a worker named after the user is registered, bound to the person, and gets an account
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(payloads(workerId, WorkerRegistered.class))
                .singleElement().satisfies(registered -> {
                    assertThat(registered.name()).isEqualTo(username);
                    assertThat(registered.hardwareId()).isEqualTo("person:" + userId);
                    assertThat(registered.taskTypes()).containsExactly("manual");
                    assertThat(registered.labels()).isEqualTo(Map.of("kind", "person"));
                    assertThat(registered.slots()).isEqualTo(1);
                    assertThat(registered.maxQueue()).isEqualTo(10);
                }));
        await().atMost(PATIENCE).until(() -> !accountEvents(workerId, AccountOpened.class).isEmpty());

        // and, sending no heartbeats, it is not marked DOWN past the silence limit (5 beats of 1 s)
        await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(15))
                .until(() -> payloads(workerId, WorkerStateChanged.class).isEmpty());

        // when the role is taken away, the worker is deregistered
        ResponseEntity<JsonNode> changed = api().exchange(HttpMethod.PUT, "/api/v1/users/" + userId + "/roles",
                Map.of("roles", List.of("MANAGER")), TestApi.bearer(api().adminToken()));
        assertThat(changed.getStatusCode().is2xxSuccessful()).isTrue();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(payloads(workerId, WorkerStateChanged.class))
                .singleElement().satisfies(change -> assertThat(change.to()).isEqualTo(WorkerState.DEREGISTERED)));
    }

    @Test
    void charges_sent_and_waited_for_in_one_batch_see_each_other() {
        // given an open account, and a unit of work with its transaction as the accounting processor runs a batch
        String worker = WorkerIds.forName("batched-" + suffix);
        Instant now = Instant.now();
        commandGateway.sendAndWait(AccountCommands.OpenAccount.forWorker(worker, now));
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        batch.attachTransaction(transactionManager);

        // when two charges to that account and a redelivered one are sent and waited for in it, then it commits
        commandGateway.sendAndWait(ChargeAccount.forWorker(worker, "task-a-" + suffix, 1, 7,
                AccountCommands.ASSIGNMENT, now));
        commandGateway.sendAndWait(ChargeAccount.forWorker(worker, "task-b-" + suffix, 1, 5,
                AccountCommands.ASSIGNMENT, now));
        commandGateway.sendAndWait(ChargeAccount.forWorker(worker, "task-a-" + suffix, 1, 7,
                AccountCommands.ASSIGNMENT, now));
        batch.commit();

        // then the second charge saw the first, and the repeated one was recognised
        assertThat(accountEvents(worker, AccountCharged.class)).extracting(AccountCharged::balanceAfter)
                .containsExactly(-7L, -12L);
    }

    @Test
    void the_accounting_processor_writes_prices_in_the_transaction_of_its_token() {
        // given the accounting processor's token store, and a unit of work as a tracking processor runs a batch
        assertThat(eventProcessing.tokenStore(AccountingProcess.PROCESSING_GROUP)).isInstanceOf(JdbcTokenStore.class);
        String probe = "it-probe-" + suffix;
        String task = UUID.randomUUID().toString();
        tokenStore.initializeTokenSegments(probe, 1);
        tokenStore.fetchToken(probe, 0); // claims the segment for this node, as a processor does

        // when a price and a token are written in one unit of work that rolls back
        DefaultUnitOfWork<?> failed = DefaultUnitOfWork.startAndGet(null);
        failed.attachTransaction(transactionManager);
        taskPrices.remember(task, new TaskPrices.Prices(11, 22));
        tokenStore.storeToken(new GlobalSequenceTrackingToken(42), probe, 0);
        failed.rollback();

        // then neither was written
        assertThat(taskPrices.find(task)).isEmpty();
        assertThat(storedToken(probe)).isNull();

        // and when the same unit of work commits, both are
        DefaultUnitOfWork<?> committed = DefaultUnitOfWork.startAndGet(null);
        committed.attachTransaction(transactionManager);
        taskPrices.remember(task, new TaskPrices.Prices(11, 22));
        tokenStore.storeToken(new GlobalSequenceTrackingToken(42), probe, 0);
        committed.commit();
        assertThat(taskPrices.find(task)).contains(new TaskPrices.Prices(11, 22));
        assertThat(storedToken(probe)).isNotNull();
        jdbc.update("DELETE FROM tokenentry WHERE processorName = ?", probe);
        taskPrices.forget(task);
    }

    // ---- helpers ----

    private byte[] storedToken(String processor) {
        return jdbc.queryForObject("SELECT token FROM tokenentry WHERE processorName = ? AND segment = 0",
                byte[].class, processor);
    }

    private Agent beatingWorker(String name, String taskType) {
        Agent agent = api().enrolAgent(name, "hw-" + name);
        heartbeats.beat(agent);
        ResponseEntity<JsonNode> registered = api().post("/api/v1/workers", Map.of("name", name,
                "hardwareId", agent.hardwareId(), "slots", 2, "maxQueue", 2, "taskTypes", List.of(taskType)),
                agent.headers());
        assertThat(registered.getStatusCode()).as("%s", registered.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        return agent;
    }

    private String userToken(String username, String role) {
        api().createUser(username, PASSWORD, role);
        return api().login(username, PASSWORD).get("accessToken").asText();
    }

    private String createTask(String type) {
        ResponseEntity<JsonNode> created = api().post("/api/v1/tasks", Map.of("type", type, "timeoutMs", 600_000),
                api().adminToken());
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return created.getBody().get("taskId").asText();
    }

    /** Creates a task for the agent, completes it with SUCCESS; answers the balance after its reward. */
    private long completeOneTask(Agent agent, String type) {
        String task = createTask(type);
        await().atMost(PATIENCE).until(() -> !payloads(task, TaskAssigned.class).isEmpty());
        ResponseEntity<JsonNode> done = api().post("/api/v1/tasks/" + task + "/complete", Map.of(
                "workerId", agent.workerId(), "attempt", 1, "outcome", "SUCCESS"), agent.headers());
        assertThat(done.getStatusCode()).as("%s", done.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        AccountCredited credit = await().atMost(PATIENCE).until(() -> accountEvents(agent.workerId(),
                AccountCredited.class).stream().filter(c -> c.taskId().equals(task)).findFirst().orElse(null),
                c -> c != null);
        assertThat(credit.amount()).isEqualTo(single(task, TaskCreated.class).completionReward());
        return credit.balanceAfter();
    }

    private TaskStatus statusInView(String taskId) {
        return fleetView.openWork().tasks().stream().filter(t -> t.taskId().equals(taskId))
                .map(OpenTaskView::status).findFirst().orElse(null);
    }

    /** Charges -, credits +, payouts -: the audit log's sum. */
    private long balanceFromMovements(String workerId) {
        long balance = 0;
        for (AccountEvent event : accountEvents(workerId, AccountEvent.class)) {
            if (event instanceof AccountCharged c) {
                balance -= c.amount();
            } else if (event instanceof AccountCredited c) {
                balance += c.amount();
            } else if (event instanceof PayoutIssued p) {
                balance -= p.amount();
            }
        }
        return balance;
    }

    private <T> List<T> accountEvents(String workerId, Class<T> type) {
        return payloads(AccountIds.forWorker(workerId), type);
    }

    private <T> T single(String aggregateId, Class<T> type) {
        List<T> found = payloads(aggregateId, type);
        assertThat(found).as("%s of %s", type.getSimpleName(), aggregateId).hasSize(1);
        return found.get(0);
    }

    /** The aggregate's events from the first (readEvents(id) would start at a snapshot). */
    private <T> List<T> payloads(String aggregateId, Class<T> type) {
        return eventStore.readEvents(aggregateId, 0).asStream().map(Message::getPayload)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private void assertAccountOnKafka(String workerId, int atLeast) {
        String accountId = AccountIds.forWorker(workerId);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedStack.shared().kafkaBootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (accountId.equals(record.key())) {
                        records.add(record);
                    }
                });
                return records.size() >= atLeast;
            });
        }
        Map<String, Integer> types = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            String ceType = header(record, "ce_type");
            EventType type = EventCatalog.byCloudEventType(ceType).orElseThrow();
            assertThat(type.aggregate()).isEqualTo("account");
            assertThat(header(record, "ce_aviaryaggregate")).isEqualTo("account");
            assertThat(header(record, "ce_aviaryseq")).isEqualTo(Integer.toString(i));
            try (InputStream schema = EventCatalog.class.getResourceAsStream(type.schemaResource())) {
                assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                        .validate(JSON.readTree(record.value()))).as(ceType).isEmpty();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            types.merge(type.eventClass().getSimpleName(), 1, Integer::sum);
        }
        assertThat(types).containsKeys("AccountOpened", "AccountCharged", "AccountCredited", "BillingCycleClosed",
                "PayoutIssued");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
