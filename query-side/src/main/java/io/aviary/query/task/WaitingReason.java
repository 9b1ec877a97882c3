package io.aviary.query.task;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Why a task that waits to be assigned has no worker yet, worked out when it is read (see {@link WaitingRule}).
 *
 * @param code    what keeps the task waiting, for programs
 * @param message the same as a short sentence, for people
 */
@Schema(description = "Why a task waiting to be assigned (QUEUED, or RETRY_SCHEDULED past its notBefore) has no "
        + "worker: worked out on read from the workers read model. Absent when the task does not wait or an "
        + "eligible worker has room (it then waits for the next dispatch round).")
public record WaitingReason(
        @Schema(description = "the first of these that holds, in this order") Code code,
        @Schema(description = "the reason as a sentence",
                example = "no AVAILABLE worker accepts type render (2 registered: 1 DOWN, 1 DRAINING)")
        String message) {

    /** In order of precedence: the first that holds is the reason. */
    public enum Code {
        /** No registered (not deregistered) worker runs the task's type. */
        NO_WORKER_FOR_TYPE,
        /** Workers run the type, but none of them takes work now (DOWN, DRAINING, UPDATING). */
        NO_AVAILABLE_WORKER,
        /** Workers taking work run the type, but none carries every required label with its value. */
        NO_WORKER_WITH_LABELS,
        /** Every worker that may take the task holds slots + maxQueue attempts already. */
        ALL_WORKERS_FULL
    }
}
