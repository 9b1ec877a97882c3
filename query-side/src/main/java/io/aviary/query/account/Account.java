package io.aviary.query.account;

import org.bson.Document;

import java.time.Instant;

import static io.aviary.query.mongo.Documents.instant;

/**
 * A worker's account.
 *
 * @param workerId        the worker (the key of accounts)
 * @param workerName      the worker's name, or {@code null} while its registration is not projected
 * @param accountId       the account aggregate's id
 * @param balance         current balance; negative carries over from cycle to cycle
 * @param totals          sums of all charges, credits and payouts so far (positive amounts)
 * @param movements       number of charges, credits and payouts
 * @param openedAt        when the account was opened
 * @param lastMovementAt  time of the latest movement
 * @param lastClosedCycle the latest billing-cycle date closed for the account
 */
public record Account(String workerId, String workerName, String accountId, long balance, Totals totals,
                      long movements, Instant openedAt, Instant lastMovementAt, String lastClosedCycle) {

    public record Totals(long charged, long credited, long paidOut) {
    }

    static Account of(Document doc, String workerName) {
        Document totals = doc.get("totals", Document.class);
        return new Account(doc.getString("_id"), workerName, doc.getString("accountId"), number(doc, "balance"),
                totals == null ? new Totals(0, 0, 0) : new Totals(number(totals, "charged"),
                        number(totals, "credited"), number(totals, "paidOut")),
                number(doc, "movements"), instant(doc, "openedAt"), instant(doc, "lastMovementAt"),
                doc.getString("lastClosedCycle"));
    }

    static long number(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number number ? number.longValue() : 0;
    }
}
