package io.aviary.command.account;

import io.aviary.command.account.AccountCommands.ChargeAccount;
import io.aviary.command.account.AccountCommands.CloseBillingCycle;
import io.aviary.command.account.AccountCommands.CreditAccount;
import io.aviary.events.account.AccountIds;
import io.aviary.events.account.PayoutIssued;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account loaded from a snapshot (written and read through the application's Jackson serializer) behaves as one
 * rebuilt from all its events: it still recognises every booked movement and the last closed cycle.
 */
class AccountSnapshotTest {

    private static final Instant T = Instant.parse("2025-03-01T09:00:00Z");
    private static final String WORKER = "snapshot-worker";
    private static final String ACCOUNT = AccountIds.forWorker(WORKER);
    private static final LocalDate DAY = LocalDate.of(2025, 3, 1);

    private final EconomyHarness harness = new EconomyHarness(5);

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void a_snapshotted_account_still_knows_its_movements_its_balance_and_its_closed_cycle() {
        // given 20 movements and a closed cycle: snapshots taken every 5 events
        String[] tasks = new String[10];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = UUID.randomUUID().toString();
            harness.send(ChargeAccount.forWorker(WORKER, tasks[i], 1, 10, "assignment", T));
            harness.send(CreditAccount.forWorker(WORKER, tasks[i], 1, 25, "completion", T));
        }
        harness.send(new CloseBillingCycle(ACCOUNT, DAY));
        assertThat(harness.snapshotsTaken()).isGreaterThanOrEqualTo(4);
        harness.clearRecorded();

        // when every movement and the close arrive again
        for (String task : tasks) {
            assertThat((Boolean) harness.send(ChargeAccount.forWorker(WORKER, task, 1, 10, "assignment", T)))
                    .isFalse();
            assertThat((Boolean) harness.send(CreditAccount.forWorker(WORKER, task, 1, 25, "completion", T)))
                    .isFalse();
        }
        assertThat((Boolean) harness.send(new CloseBillingCycle(ACCOUNT, DAY))).isFalse();

        // then nothing happened; and a new credit and close start from the paid-out balance of 0
        assertThat(harness.recorded()).isEmpty();
        harness.send(CreditAccount.forWorker(WORKER, UUID.randomUUID().toString(), 1, 7, "completion", T));
        harness.send(new CloseBillingCycle(ACCOUNT, DAY.plusDays(1)));
        assertThat(harness.recorded()).map(EventMessage::getPayload).last()
                .isInstanceOfSatisfying(PayoutIssued.class, payout -> assertThat(payout.amount()).isEqualTo(7));
    }
}
