package io.aviary.query.account;

import org.bson.Document;

import java.time.Instant;

import static io.aviary.query.mongo.Documents.instant;

/**
 * One money movement of an account.
 *
 * @param at           when
 * @param kind         {@code charge}, {@code credit} or {@code payout}
 * @param amount       signed: negative for a charge and a payout, positive for a credit
 * @param taskId       the task of a charge or credit
 * @param attempt      the task attempt of a charge or credit
 * @param reason       {@code assignment}, {@code reassignment}, {@code completion} or {@code payout}
 * @param balanceAfter the balance after a charge or credit ({@code null} for a payout, after which it is 0)
 * @param cycleDate    the billing day a payout is for
 * @param seq          the movement's position in the account's event stream (stable order)
 */
public record Movement(Instant at, String kind, long amount, String taskId, Integer attempt, String reason,
                       Long balanceAfter, String cycleDate, long seq) {

    static Movement of(Document doc) {
        Object attempt = doc.get("attempt");
        Object balanceAfter = doc.get("balanceAfter");
        return new Movement(instant(doc, "at"), doc.getString("kind"), Account.number(doc, "amount"),
                doc.getString("taskId"), attempt instanceof Number n ? n.intValue() : null, doc.getString("reason"),
                balanceAfter instanceof Number n ? n.longValue() : null, doc.getString("cycleDate"),
                Account.number(doc, "seq"));
    }
}
