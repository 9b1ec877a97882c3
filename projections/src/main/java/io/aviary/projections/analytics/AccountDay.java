package io.aviary.projections.analytics;

import org.bson.Document;

import static io.aviary.projections.mongo.Bson.longValue;

/**
 * One account's contribution to one {@code analytics_daily} document. {@code seq} is the highest account sequence
 * applied to this document: events of an account arrive in sequence order, so an event at or below it was counted
 * already. This makes every counter of the day idempotent without a per-movement set.
 */
final class AccountDay {

    long seq = -1;
    long fees;
    long rewards;
    long charges;
    long credits;
    Long closedBalance;
    long payout;

    Document toDocument() {
        return new Document("seq", seq)
                .append("fees", fees)
                .append("rewards", rewards)
                .append("charges", charges)
                .append("credits", credits)
                .append("closedBalance", closedBalance)
                .append("payout", payout);
    }

    static AccountDay fromDocument(Document document) {
        AccountDay day = new AccountDay();
        day.seq = longValue(document, "seq", -1);
        day.fees = longValue(document, "fees", 0);
        day.rewards = longValue(document, "rewards", 0);
        day.charges = longValue(document, "charges", 0);
        day.credits = longValue(document, "credits", 0);
        Object closed = document.get("closedBalance");
        day.closedBalance = closed instanceof Number number ? number.longValue() : null;
        day.payout = longValue(document, "payout", 0);
        return day;
    }
}
