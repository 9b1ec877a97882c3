package io.aviary.command.shuffle;

/**
 * Answer of {@code POST /api/v1/tasks/shuffle}.
 *
 * @param reassigned            assigned tasks moved to another worker ({@code TaskReassigned})
 * @param assigned              waiting tasks (queued, or a retry) given to a worker ({@code TaskAssigned})
 * @param skippedRunning        running tasks, left with their worker
 * @param withoutEligibleWorker open tasks that no (other) eligible worker could take, unchanged
 * @param rejected              moves refused by the task (it changed meanwhile, e.g. the dispatcher assigned it or its
 *                              worker started it); nothing changed for those
 * @param message               what happened, in words
 */
public record ShuffleResult(int reassigned, int assigned, int skippedRunning, int withoutEligibleWorker, int rejected,
                            String message) {

    static ShuffleResult of(int reassigned, int assigned, int skippedRunning, int withoutEligibleWorker,
                            int rejected) {
        return new ShuffleResult(reassigned, assigned, skippedRunning, withoutEligibleWorker, rejected,
                message(reassigned + assigned, skippedRunning, withoutEligibleWorker, rejected));
    }

    private static String message(int moved, int running, int stuck, int rejected) {
        if (moved > 0) {
            return "shuffled " + moved + " open task" + (moved == 1 ? "" : "s");
        }
        if (stuck > 0) {
            return "no eligible worker";
        }
        if (rejected > 0) {
            return "every move was refused: the tasks changed meanwhile";
        }
        return running > 0 ? "every open task is running" : "no open task";
    }
}
