package io.aviary.projections.account;

import io.aviary.events.account.AccountCharged;
import io.aviary.events.account.AccountCredited;
import io.aviary.events.account.PayoutIssued;
import io.aviary.projections.apply.ProjectedEvent;
import org.bson.Document;

import java.time.Instant;
import java.util.Optional;

import static io.aviary.projections.mongo.Bson.date;
import static io.aviary.projections.mongo.Bson.millis;

/**
 * One money movement on an account, as the audit log shows it.
 *
 * @param seq          the account event's sequence: the movement's key within its account
 * @param kind         {@code charge}, {@code credit} or {@code payout}
 * @param amount       signed: negative for a charge and a payout, positive for a credit
 * @param taskId       the task a charge or credit is for; {@code null} for a payout
 * @param attempt      the task attempt; {@code null} for a payout
 * @param reason       {@code assignment}, {@code reassignment}, {@code completion} or {@code payout}
 * @param at           when (event time)
 * @param balanceAfter the balance after a charge or credit; {@code null} for a payout (the event does not carry it;
 *                     by the billing rules it is 0)
 * @param cycleDate    the billing day a payout is for; {@code null} otherwise
 */
record Movement(long seq, String kind, long amount, String taskId, Integer attempt, String reason, Instant at,
                Long balanceAfter, String cycleDate) {

    /** The movement an account event is, if it moves money. */
    static Optional<Movement> of(ProjectedEvent event) {
        if (event.event() instanceof AccountCharged e) {
            return Optional.of(new Movement(event.sequence(), "charge", -e.amount(), e.taskId(), e.attempt(),
                    e.reason(), millis(e.chargedAt()), e.balanceAfter(), null));
        }
        if (event.event() instanceof AccountCredited e) {
            return Optional.of(new Movement(event.sequence(), "credit", e.amount(), e.taskId(), e.attempt(),
                    e.reason(), millis(e.creditedAt()), e.balanceAfter(), null));
        }
        if (event.event() instanceof PayoutIssued e) {
            return Optional.of(new Movement(event.sequence(), "payout", -e.amount(), null, null, "payout",
                    millis(e.issuedAt()), null, e.cycleDate() == null ? null : e.cycleDate().toString()));
        }
        return Optional.empty();
    }

    Document toDocument() {
        return new Document("seq", seq)
                .append("kind", kind)
                .append("amount", amount)
                .append("taskId", taskId)
                .append("attempt", attempt)
                .append("reason", reason)
                .append("at", date(at))
                .append("balanceAfter", balanceAfter)
                .append("cycleDate", cycleDate);
    }
}
