package io.aviary.agent.command;

/** How the command side answered a start or complete report. */
public enum ReportAnswer {
    /** 2xx: taken. */
    ACCEPTED,
    /** 409: the attempt is not current any more (reassigned, requeued, cancelled, final). */
    STALE,
    /** 404: the task is unknown. */
    NOT_FOUND,
    /** 403: not this agent's to report on (or its hardware id does not match its enrolment). */
    FORBIDDEN,
    /** Any other 4xx: the request itself was refused; retrying would not help. */
    REJECTED
}
