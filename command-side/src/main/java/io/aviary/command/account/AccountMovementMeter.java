package io.aviary.command.account;

import io.aviary.command.axon.AfterCommit;
import io.aviary.events.account.AccountCharged;
import io.aviary.events.account.AccountCredited;
import io.aviary.events.account.PayoutIssued;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Counts money movements as the Account aggregate books them: {@code aviary_account_movements_total{kind}} with
 * {@code kind} = {@code charge} (assignment and reassignment fees), {@code credit} (completion rewards) or
 * {@code payout} (a closed billing cycle paid out).
 * <p>
 * It listens to the account events in a subscribing processor ({@value #PROCESSING_GROUP}), so it sees each
 * movement once, on the replica that booked it, and never on a replay; a repeated charge that the aggregate
 * recognises books nothing and counts nothing. The count moves after the transaction commits.
 */
@ProcessingGroup(AccountMovementMeter.PROCESSING_GROUP)
public class AccountMovementMeter {

    /** The processing group, registered as a subscribing processor. */
    public static final String PROCESSING_GROUP = "account-movement-meter";

    private final Counter charges;
    private final Counter credits;
    private final Counter payouts;

    public AccountMovementMeter(MeterRegistry registry) {
        this.charges = movements(registry, "charge");
        this.credits = movements(registry, "credit");
        this.payouts = movements(registry, "payout");
    }

    private static Counter movements(MeterRegistry registry, String kind) {
        return Counter.builder("aviary.account.movements")
                .description("Money movements booked on worker accounts")
                .tag("kind", kind)
                .register(registry);
    }

    @EventHandler
    public void on(AccountCharged event) {
        AfterCommit.run(charges::increment);
    }

    @EventHandler
    public void on(AccountCredited event) {
        AfterCommit.run(credits::increment);
    }

    @EventHandler
    public void on(PayoutIssued event) {
        AfterCommit.run(payouts::increment);
    }
}
