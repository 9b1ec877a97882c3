package io.aviary.query.account;

import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One document of {@code account_audit} holding part of a worker's day, with how many movements it holds. A day
 * document ({@code <workerId>:<day>}) counts the movements of each of its buckets ({@code <workerId>:<day>:<n>},
 * bucket {@code n} holds account sequences {@code n*500 .. n*500+499}); a day document written before buckets existed
 * holds the day's first movements itself ({@code count}, {@code movements}). Newest first, as the audit lists them.
 *
 * @param id    the document to read for the movements
 * @param count movements it holds
 */
record AuditPart(String id, long count) {

    /** The parts of these days (newest first) in the order of the audit: per day its buckets, then its own. */
    static List<AuditPart> newestFirst(List<String> dayIds, Map<String, Document> days) {
        List<AuditPart> parts = new ArrayList<>();
        for (String dayId : dayIds) {
            Document day = days.get(dayId);
            if (day == null) {
                continue;
            }
            Document buckets = day.get("buckets", new Document());
            buckets.keySet().stream().map(Long::valueOf).sorted(Comparator.reverseOrder())
                    .forEach(n -> parts.add(new AuditPart(dayId + ":" + n, Account.number(buckets, n.toString()))));
            if (day.containsKey("count")) {
                parts.add(new AuditPart(dayId, Account.number(day, "count")));
            }
        }
        return parts;
    }
}
