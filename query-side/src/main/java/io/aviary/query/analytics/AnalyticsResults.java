package io.aviary.query.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The answers of {@code /api/v1/analytics/...}. */
final class AnalyticsResults {

    private AnalyticsResults() {
    }

    /**
     * Management earnings per UTC day: fees charged − rewards paid that day.
     *
     * @param items one per day of the range, oldest first (zero for days without movements)
     * @param total sum over the range
     */
    record Earnings(LocalDate from, LocalDate to, List<DayEarnings> items, long total) {
    }

    record DayEarnings(LocalDate date, long earnings, long feesCharged, long rewardsPaid, long tasksCompleted) {
    }

    /**
     * How many accounts are negative.
     *
     * @param date   the billing-cycle date asked for
     * @param count  accounts negative at that date's cycle close; for a date not closed yet, accounts negative now
     * @param closed whether the count comes from a closed cycle
     */
    record NegativeBalances(LocalDate date, long count, boolean closed) {
    }

    /**
     * The highest reward among tasks completed in a period (ties: the earlier completion, then the smaller task id);
     * task fields are {@code null} when nothing was completed in it.
     */
    record MostExpensiveTask(String period, LocalDate from, LocalDate to, String taskId, Long completionReward,
                             Instant completedAt) {
    }

    /**
     * Fleet throughput and latencies over whole UTC days.
     *
     * @param hours       hours in the range (throughput and utilisation are per hour of it)
     * @param taskTypes   per task type, sorted by type
     * @param utilisation busy time per worker
     */
    record Fleet(LocalDate from, LocalDate to, long hours, List<TaskTypeStats> taskTypes, Utilisation utilisation) {
    }

    /**
     * @param created           tasks created
     * @param completed         tasks completed (SUCCESS or WARNING)
     * @param throughputPerHour completed tasks per hour of the range
     * @param attempts          reported attempt outcomes (time-outs counted apart)
     * @param rates             shares of the reported attempts; {@code failure} includes time-outs
     * @param deadLettered      tasks given up after their last failure
     * @param cancelled         tasks cancelled
     * @param dispatchLatencyMs creation -> first start of each task
     * @param queueWaitMs       waiting for a worker (since creation, requeue, or a retry's earliest time) ->
     *                          assignment
     */
    record TaskTypeStats(String taskType, long created, long completed, double throughputPerHour, Attempts attempts,
                         Rates rates, long deadLettered, long cancelled, Histogram.Durations dispatchLatencyMs,
                         Histogram.Durations queueWaitMs) {
    }

    record Attempts(long success, long warning, long failure, long timedOut) {
    }

    record Rates(double success, double warning, double failure) {
    }

    /**
     * @param average mean utilisation of the workers listed
     * @param workers workers that ran something in the range: busy time (started -> ended attempts, counted in the
     *                hour an attempt ended) over the range's wall time; above 1 for a worker running several
     *                attempts at once
     */
    record Utilisation(double average, List<WorkerUtilisation> workers) {
    }

    record WorkerUtilisation(String workerId, String workerName, long busyMs, long attempts, double utilisation) {
    }
}
