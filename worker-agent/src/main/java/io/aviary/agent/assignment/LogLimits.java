package io.aviary.agent.assignment;

import java.time.Duration;

/**
 * How much of its past the {@link ProcessedAssignmentLog} keeps. Unfinished attempts are always kept; a finished one
 * is forgotten once it is older than {@code finishedRetention} <em>or</em> more than {@code maxFinished} attempts
 * finished after it, whichever comes first. See {@link ProcessedAssignmentLog} for why that is safe and what it costs.
 *
 * @param finishedRetention how long a finished attempt is remembered after it finished
 * @param maxFinished       how many finished attempts are remembered at most (the newest)
 * @param compactAboveBytes the file is rewritten without its dead lines once it grows past this size
 */
public record LogLimits(Duration finishedRetention, int maxFinished, long compactAboveBytes) {

    /** 7 days, 100,000 finished attempts, 64 MiB. */
    public static final LogLimits DEFAULTS = new LogLimits(Duration.ofDays(7), 100_000, 64L * 1024 * 1024);

    public LogLimits {
        if (finishedRetention == null || finishedRetention.isNegative() || finishedRetention.isZero()) {
            throw new IllegalArgumentException("finished-attempt retention must be positive: " + finishedRetention);
        }
        if (maxFinished < 1) {
            throw new IllegalArgumentException("at least one finished attempt must be remembered: " + maxFinished);
        }
        if (compactAboveBytes < 1) {
            throw new IllegalArgumentException("compaction threshold must be positive: " + compactAboveBytes);
        }
    }
}
