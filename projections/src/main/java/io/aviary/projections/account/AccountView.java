package io.aviary.projections.account;

import io.aviary.events.account.AccountCharged;
import io.aviary.events.account.AccountCredited;
import io.aviary.events.account.AccountEvent;
import io.aviary.events.account.AccountOpened;
import io.aviary.events.account.BillingCycleClosed;
import io.aviary.events.account.PayoutIssued;
import org.bson.Document;

import java.time.Instant;

import static io.aviary.projections.mongo.Bson.date;
import static io.aviary.projections.mongo.Bson.instant;
import static io.aviary.projections.mongo.Bson.longValue;
import static io.aviary.projections.mongo.Bson.millis;

/**
 * The {@code accounts} document of one worker while a batch is applied: {@code _id} = worker id. An event is applied
 * only if its account sequence is greater than {@link #seq}, so redelivery and replay never move money twice.
 */
final class AccountView {

    static final long NO_SEQUENCE = -1;

    final String workerId;
    String accountId;
    long balance;
    long charged;
    long credited;
    long paidOut;
    long movements;
    Instant openedAt;
    Instant firstMovementAt;
    Instant lastMovementAt;
    String lastClosedCycle;
    Long balanceAtLastClose;
    long seq = NO_SEQUENCE;
    boolean changed;

    AccountView(String workerId) {
        this.workerId = workerId;
    }

    /** Applies the event if it is newer than what the view holds; returns whether it did. */
    boolean apply(long sequence, AccountEvent event) {
        if (sequence <= seq) {
            return false;
        }
        if (event.accountId() != null) {
            accountId = event.accountId();
        }
        if (event instanceof AccountOpened e) {
            openedAt = millis(e.openedAt());
        } else if (event instanceof AccountCharged e) {
            // The aggregate decides the balance; the projection records its word for it.
            balance = e.balanceAfter();
            charged += e.amount();
            moved(e.chargedAt());
        } else if (event instanceof AccountCredited e) {
            balance = e.balanceAfter();
            credited += e.amount();
            moved(e.creditedAt());
        } else if (event instanceof BillingCycleClosed e) {
            lastClosedCycle = e.cycleDate() == null ? null : e.cycleDate().toString();
            balanceAtLastClose = e.balance();
        } else if (event instanceof PayoutIssued e) {
            balance -= e.amount();
            paidOut += e.amount();
            moved(e.issuedAt());
        }
        seq = sequence;
        changed = true;
        return true;
    }

    private void moved(Instant at) {
        movements++;
        Instant time = millis(at);
        if (time == null) {
            return;
        }
        if (firstMovementAt == null || time.isBefore(firstMovementAt)) {
            firstMovementAt = time;
        }
        if (lastMovementAt == null || time.isAfter(lastMovementAt)) {
            lastMovementAt = time;
        }
    }

    Document toDocument() {
        return new Document("_id", workerId)
                .append("accountId", accountId)
                .append("balance", balance)
                .append("totals", new Document("charged", charged).append("credited", credited)
                        .append("paidOut", paidOut))
                .append("movements", movements)
                .append("openedAt", date(openedAt))
                .append("firstMovementAt", date(firstMovementAt))
                .append("lastMovementAt", date(lastMovementAt))
                .append("lastClosedCycle", lastClosedCycle)
                .append("balanceAtLastClose", balanceAtLastClose)
                .append("seq", seq);
    }

    static AccountView fromDocument(Document document) {
        AccountView view = new AccountView(document.getString("_id"));
        view.accountId = document.getString("accountId");
        view.balance = longValue(document, "balance", 0);
        Document totals = document.get("totals", Document.class);
        if (totals != null) {
            view.charged = longValue(totals, "charged", 0);
            view.credited = longValue(totals, "credited", 0);
            view.paidOut = longValue(totals, "paidOut", 0);
        }
        view.movements = longValue(document, "movements", 0);
        view.openedAt = instant(document, "openedAt");
        view.firstMovementAt = instant(document, "firstMovementAt");
        view.lastMovementAt = instant(document, "lastMovementAt");
        view.lastClosedCycle = document.getString("lastClosedCycle");
        Object atClose = document.get("balanceAtLastClose");
        view.balanceAtLastClose = atClose instanceof Number number ? number.longValue() : null;
        view.seq = longValue(document, "seq", NO_SEQUENCE);
        return view;
    }
}
