package io.aviary.agent.execution;

/** Why an attempt is stopped before it could finish normally. */
public enum StopReason {
    /** {@code TaskCancelled}. */
    CANCELLED,
    /** {@code TaskReassigned} to another worker. */
    REASSIGNED,
    /** {@code TaskRequeued}: this worker was marked down or deregistered. */
    REQUEUED,
    /** {@code TaskTimedOut} on the command side. */
    TIMED_OUT_REMOTELY,
    /** A newer attempt of the same task was assigned. */
    SUPERSEDED,
    /** The attempt ran longer than its {@code timeoutMs}: reported as FAILURE. */
    TIMEOUT,
    /** The agent is stopping: the attempt stays owed and resumes on the next start. */
    SHUTDOWN;

    /** Whether the attempt is given up for good (recorded as dropped, never reported). */
    public boolean dropsAttempt() {
        return this != TIMEOUT && this != SHUTDOWN;
    }
}
