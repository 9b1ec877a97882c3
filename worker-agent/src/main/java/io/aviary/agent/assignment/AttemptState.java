package io.aviary.agent.assignment;

/** Where an attempt stands in the processed-assignment log. */
public enum AttemptState {
    /** Taken from Kafka and owed: it must run (again, after a crash) unless dropped. */
    ACCEPTED,
    /** Ran; its result is in the log and still has to reach the command side. Never runs again. */
    EXECUTED,
    /** The command side accepted the result. Done. */
    REPORTED,
    /** The command side answered 409: the attempt is no longer current (reassigned, requeued, final). Done. */
    STALE,
    /** Given up without a report: cancelled, taken away, unknown task (404) or rejected request. Done. */
    DROPPED;

    /** Whether nothing more is to be done for the attempt. */
    public boolean isFinal() {
        return this == REPORTED || this == STALE || this == DROPPED;
    }
}
