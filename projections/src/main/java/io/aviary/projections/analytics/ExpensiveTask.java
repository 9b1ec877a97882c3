package io.aviary.projections.analytics;

import org.bson.Document;

import java.time.Instant;
import java.util.Comparator;

import static io.aviary.projections.mongo.Bson.date;
import static io.aviary.projections.mongo.Bson.instant;
import static io.aviary.projections.mongo.Bson.longValue;

/**
 * A completed task and its reward. The most expensive of a period is the highest reward; ties go to the earlier
 * completion, then to the smaller task id, so the choice does not depend on the order events were applied in.
 */
record ExpensiveTask(String taskId, long completionReward, Instant completedAt) {

    static final Comparator<ExpensiveTask> MOST_EXPENSIVE_FIRST = Comparator
            .comparingLong(ExpensiveTask::completionReward).reversed()
            .thenComparing(ExpensiveTask::completedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ExpensiveTask::taskId, Comparator.nullsLast(Comparator.naturalOrder()));

    /** The more expensive of the two ({@code current} may be null). */
    ExpensiveTask over(ExpensiveTask current) {
        return current == null || MOST_EXPENSIVE_FIRST.compare(this, current) < 0 ? this : current;
    }

    Document toDocument() {
        return new Document("taskId", taskId).append("completionReward", completionReward)
                .append("completedAt", date(completedAt));
    }

    static ExpensiveTask fromDocument(Document document) {
        return document == null ? null : new ExpensiveTask(document.getString("taskId"),
                longValue(document, "completionReward", 0), instant(document, "completedAt"));
    }
}
