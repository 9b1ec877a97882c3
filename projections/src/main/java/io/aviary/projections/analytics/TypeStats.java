package io.aviary.projections.analytics;

import org.bson.Document;

import static io.aviary.projections.mongo.Bson.longValue;

/**
 * What happened to tasks of one type within one hour. Counts are per event: {@code success}, {@code warning},
 * {@code failure} count reported attempt outcomes, {@code timedOut} attempts that timed out, {@code completed} tasks
 * that finished with SUCCESS or WARNING.
 */
final class TypeStats {

    final String type;
    long created;
    long completed;
    long success;
    long warning;
    long failure;
    long timedOut;
    long deadLettered;
    long cancelled;
    LatencyHistogram dispatchLatency = new LatencyHistogram();
    LatencyHistogram queueWait = new LatencyHistogram();

    TypeStats(String type) {
        this.type = type;
    }

    Document toDocument() {
        return new Document("type", type)
                .append("created", created)
                .append("completed", completed)
                .append("success", success)
                .append("warning", warning)
                .append("failure", failure)
                .append("timedOut", timedOut)
                .append("deadLettered", deadLettered)
                .append("cancelled", cancelled)
                .append("dispatchLatency", dispatchLatency.toDocument())
                .append("queueWait", queueWait.toDocument());
    }

    static TypeStats fromDocument(Document document) {
        TypeStats stats = new TypeStats(document.getString("type"));
        stats.created = longValue(document, "created", 0);
        stats.completed = longValue(document, "completed", 0);
        stats.success = longValue(document, "success", 0);
        stats.warning = longValue(document, "warning", 0);
        stats.failure = longValue(document, "failure", 0);
        stats.timedOut = longValue(document, "timedOut", 0);
        stats.deadLettered = longValue(document, "deadLettered", 0);
        stats.cancelled = longValue(document, "cancelled", 0);
        stats.dispatchLatency = LatencyHistogram.fromDocument(document.get("dispatchLatency", Document.class));
        stats.queueWait = LatencyHistogram.fromDocument(document.get("queueWait", Document.class));
        return stats;
    }
}
