package io.aviary.agent.execution;

import io.aviary.agent.assignment.Assignment;
import io.aviary.agent.assignment.AttemptKey;
import io.aviary.agent.executor.ExecutionResult;

/**
 * One attempt on its way through a slot, and the one place where it can be stopped. Phase changes and stops are
 * synchronized on the run, so a stop either happens before the slot picks the run up (the slot then skips it) or
 * while it runs (the slot sees the reason afterwards), never in between; and an interrupt only ever reaches the
 * thread while it executes this attempt, not a later one.
 */
public final class AttemptRun {

    /** What {@link #stop} found. */
    public enum StopEffect {
        /** Nothing to stop (already stopped, or past execution: the report decides). */
        NONE,
        /** Not picked up by a slot yet: the caller records the stop. */
        WAS_QUEUED,
        /** In a slot: the slot records the stop when it notices it. */
        WAS_ACTIVE
    }

    private enum Phase { QUEUED, STARTING, EXECUTING, REPORTING, DONE }

    private final Assignment assignment;
    private final ExecutionResult recoveredResult;
    private Phase phase = Phase.QUEUED;
    private StopReason stopReason;
    private Thread executingThread;

    /**
     * @param recoveredResult the result of an earlier run found in the log (only the report is left), or {@code null}
     */
    public AttemptRun(Assignment assignment, ExecutionResult recoveredResult) {
        this.assignment = assignment;
        this.recoveredResult = recoveredResult;
    }

    public Assignment assignment() {
        return assignment;
    }

    public AttemptKey key() {
        return assignment.key();
    }

    /** The result of an earlier run when only its report is left, else {@code null}. */
    public ExecutionResult recoveredResult() {
        return recoveredResult;
    }

    /** A slot takes the run; {@code false} when it was stopped while queued. */
    synchronized boolean claim() {
        if (stopReason != null) {
            return false;
        }
        phase = recoveredResult == null ? Phase.STARTING : Phase.REPORTING;
        return true;
    }

    /** Execution begins on {@code thread}; {@code false} when stopped meanwhile (e.g. cancelled during start). */
    synchronized boolean beginExecution(Thread thread) {
        if (stopReason != null) {
            return false;
        }
        phase = Phase.EXECUTING;
        executingThread = thread;
        return true;
    }

    /**
     * Execution is over; clears a pending interrupt of the calling (slot) thread so it cannot hit the report or the
     * next attempt.
     *
     * @return why it was stopped, or {@code null}
     */
    synchronized StopReason endExecution() {
        phase = Phase.REPORTING;
        executingThread = null;
        Thread.interrupted();
        return stopReason;
    }

    synchronized void done() {
        phase = Phase.DONE;
    }

    /** Stops the attempt (best effort: an executor that ignores interrupts runs on). */
    public synchronized StopEffect stop(StopReason reason) {
        if (stopReason != null || phase == Phase.REPORTING || phase == Phase.DONE) {
            return StopEffect.NONE;
        }
        stopReason = reason;
        if (phase == Phase.QUEUED) {
            return StopEffect.WAS_QUEUED;
        }
        if (phase == Phase.EXECUTING) {
            executingThread.interrupt();
        }
        return StopEffect.WAS_ACTIVE;
    }

    public synchronized StopReason stopReason() {
        return stopReason;
    }

    /** Whether the run holds a slot right now (counts as a busy slot in heartbeats). */
    public synchronized boolean occupiesSlot() {
        return phase == Phase.STARTING || phase == Phase.EXECUTING || phase == Phase.REPORTING;
    }
}
