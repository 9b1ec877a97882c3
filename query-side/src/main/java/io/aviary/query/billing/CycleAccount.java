package io.aviary.query.billing;

import org.bson.Document;

import java.time.Instant;

import static io.aviary.query.mongo.Documents.instant;

/**
 * One account at the close of a billing cycle.
 *
 * @param workerId   the worker
 * @param workerName its name, if its registration is projected
 * @param accountId  the account
 * @param balance    the balance at the close, before any payout (negative carries over)
 * @param payout     the amount paid out (0 for a balance that was not positive; {@code null} while a positive
 *                   balance's payout is not projected yet)
 * @param closedAt   when the cycle was closed for the account
 * @param paidAt     when the payout was issued
 */
public record CycleAccount(String workerId, String workerName, String accountId, Long balance, Long payout,
                           Instant closedAt, Instant paidAt) {

    static CycleAccount of(Document doc, String workerName) {
        return new CycleAccount(doc.getString("workerId"), workerName, doc.getString("accountId"),
                number(doc.get("balance")), number(doc.get("payout")), instant(doc, "closedAt"),
                instant(doc, "paidAt"));
    }

    static Long number(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }
}
