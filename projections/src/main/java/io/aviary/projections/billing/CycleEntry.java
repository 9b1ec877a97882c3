package io.aviary.projections.billing;

import org.bson.Document;

import java.time.Instant;

import static io.aviary.projections.mongo.Bson.date;
import static io.aviary.projections.mongo.Bson.instant;

/**
 * One account at the close of a billing cycle.
 *
 * @param workerId  the account's worker
 * @param accountId the account
 * @param balance   balance at the close, before any payout ({@code null} until the close is projected)
 * @param payout    amount paid out: the payout's amount, 0 when the balance was not positive, {@code null} while a
 *                  positive balance's payout is not projected yet
 * @param closedAt  when the cycle was closed for the account
 * @param paidAt    when the payout was issued, or {@code null}
 */
record CycleEntry(String workerId, String accountId, Long balance, Long payout, Instant closedAt, Instant paidAt) {

    CycleEntry closed(String account, long atClose, Instant at) {
        Long paid = payout != null ? payout : atClose <= 0 ? Long.valueOf(0) : null;
        return new CycleEntry(workerId, account, atClose, paid, at, paidAt);
    }

    CycleEntry paid(String account, long amount, Instant at) {
        return new CycleEntry(workerId, accountId != null ? accountId : account, balance, amount, closedAt, at);
    }

    Document toDocument() {
        return new Document("workerId", workerId)
                .append("accountId", accountId)
                .append("balance", balance)
                .append("payout", payout)
                .append("closedAt", date(closedAt))
                .append("paidAt", date(paidAt));
    }

    static CycleEntry fromDocument(Document document) {
        return new CycleEntry(document.getString("workerId"), document.getString("accountId"),
                number(document.get("balance")), number(document.get("payout")), instant(document, "closedAt"),
                instant(document, "paidAt"));
    }

    private static Long number(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }
}
