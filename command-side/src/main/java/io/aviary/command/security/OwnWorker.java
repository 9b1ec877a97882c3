package io.aviary.command.security;

/**
 * The per-resource rule for agents and WORKER people: they act only as the worker their token names
 * ({@code workerId} claim). A refusal is a 403 and a security log line.
 */
public final class OwnWorker {

    private OwnWorker() {
    }

    /**
     * @param caller   the authenticated caller
     * @param workerId the worker the request acts as
     * @param action   what it tries, for the log line (e.g. "start task 123")
     * @throws ForbiddenException if the caller's token names no worker or another one
     */
    public static void require(CurrentPrincipal caller, String workerId, String action) {
        if (caller.workerId() == null || !caller.workerId().equals(workerId)) {
            SecurityLog.refused("Refused: {} (subject {}) tried to {} as worker {}", caller.roles(),
                    caller.subject(), action, workerId);
            throw new ForbiddenException("You may only act as your own worker");
        }
    }
}
