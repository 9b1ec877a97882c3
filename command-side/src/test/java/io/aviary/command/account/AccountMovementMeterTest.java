package io.aviary.command.account;

import io.aviary.command.account.AccountCommands.ChargeAccount;
import io.aviary.command.account.AccountCommands.CloseBillingCycle;
import io.aviary.command.account.AccountCommands.CreditAccount;
import io.aviary.command.account.AccountCommands.OpenAccount;
import io.aviary.command.axon.EventJson;
import io.aviary.events.account.AccountIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aviary_account_movements_total{kind}} counts what the Account aggregate books: in a real Axon configuration
 * (in-memory event store), with the meter in its own subscribing processor as {@link AccountConfiguration} wires it.
 */
class AccountMovementMeterTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String W1 = "worker-1";
    private static final String TASK = "6f1c1f0e-5d4b-4a57-9d59-2f1f5c3b8a10";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Configuration config = start();

    private Configuration start() {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(EventJson.newObjectMapper()).build();
        DefaultConfigurer configurer = (DefaultConfigurer) DefaultConfigurer.defaultConfiguration();
        configurer.configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(AccountAggregate.class);
        configurer.eventProcessing()
                .registerSubscribingEventProcessor(AccountMovementMeter.PROCESSING_GROUP)
                .registerEventHandler(c -> new AccountMovementMeter(registry));
        Configuration built = configurer.buildConfiguration();
        built.start();
        return built;
    }

    @AfterEach
    void stop() {
        config.shutdown();
    }

    @Test
    void a_charge_counts_as_kind_charge_and_its_repetition_counts_nothing() {
        // given an open account
        send(OpenAccount.forWorker(W1, T0));

        // when the assignment fee is charged, and the same charge arrives again (a redelivery)
        send(ChargeAccount.forWorker(W1, TASK, 1, 14, AccountCommands.ASSIGNMENT, T0));
        send(ChargeAccount.forWorker(W1, TASK, 1, 14, AccountCommands.ASSIGNMENT, T0));

        // then one charge is counted, and nothing else
        assertThat(movements("charge")).isEqualTo(1.0);
        assertThat(movements("credit")).isZero();
        assertThat(movements("payout")).isZero();
    }

    @Test
    void a_credit_and_a_closed_cycle_with_a_positive_balance_count_as_credit_and_payout() {
        send(OpenAccount.forWorker(W1, T0));
        send(ChargeAccount.forWorker(W1, TASK, 1, 14, AccountCommands.ASSIGNMENT, T0));
        send(CreditAccount.forWorker(W1, TASK, 1, 33, AccountCommands.COMPLETION, T0.plusSeconds(5)));

        send(new CloseBillingCycle(AccountIds.forWorker(W1), LocalDate.of(2025, 3, 1)));

        assertThat(movements("charge")).isEqualTo(1.0);
        assertThat(movements("credit")).isEqualTo(1.0);
        assertThat(movements("payout")).as("balance 19 paid out").isEqualTo(1.0);
    }

    @Test
    void a_charge_whose_transaction_rolls_back_counts_nothing() {
        send(OpenAccount.forWorker(W1, T0));

        // when the charge runs inside a unit of work that is then rolled back (e.g. the processor's batch failed)
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        send(ChargeAccount.forWorker(W1, TASK, 1, 14, AccountCommands.ASSIGNMENT, T0));
        batch.rollback();

        // then nothing was counted
        assertThat(movements("charge")).isZero();
    }

    private void send(Object command) {
        config.commandGateway().sendAndWait(command);
    }

    private double movements(String kind) {
        return registry.get("aviary.account.movements").tag("kind", kind).counter().count();
    }
}
