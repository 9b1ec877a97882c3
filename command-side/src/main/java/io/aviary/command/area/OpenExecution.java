package io.aviary.command.area;

import io.aviary.events.area.ExecutionStatus;
import io.aviary.events.task.Outcome;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * An execution of an AREA that has fired and not completed: what the AREA needs to record each step once and to
 * decide the execution's status when the last step arrives.
 *
 * @param firedAt    when it fired (its start)
 * @param reactions  how many reactions its definition version has
 * @param actionDone whether the action's final state was recorded
 * @param triggered  whether the action triggered (reactions run)
 * @param recorded   the reactions recorded so far (their indexes)
 * @param anyFailed  whether a reaction's task failed
 */
record OpenExecution(Instant firedAt, int reactions, boolean actionDone, boolean triggered, Set<Integer> recorded,
                     boolean anyFailed) {

    static OpenExecution fired(Instant firedAt, int reactions) {
        return new OpenExecution(firedAt, reactions, false, false, Set.of(), false);
    }

    OpenExecution actionCompleted(boolean triggered) {
        return new OpenExecution(firedAt, reactions, true, triggered, recorded, anyFailed);
    }

    OpenExecution reactionCompleted(int index, Outcome outcome) {
        Set<Integer> now = new TreeSet<>(recorded);
        now.add(index);
        return new OpenExecution(firedAt, reactions, actionDone, triggered, Set.copyOf(now),
                anyFailed || outcome == Outcome.FAILURE);
    }

    boolean hasRecorded(int index) {
        return recorded.contains(index);
    }

    /**
     * How the execution ends after the action completed with {@code outcome}, or {@code null} while reactions are
     * to run.
     */
    static ExecutionStatus afterAction(Outcome outcome, boolean triggered, int reactions) {
        if (outcome == Outcome.FAILURE) {
            return ExecutionStatus.FAILED;
        }
        if (!triggered) {
            return ExecutionStatus.NOT_TRIGGERED;
        }
        return reactions == 0 ? ExecutionStatus.SUCCEEDED : null;
    }

    /** How the execution ends once every reaction is recorded, or {@code null} while some are still running. */
    ExecutionStatus afterReactions() {
        if (recorded.size() < reactions) {
            return null;
        }
        return anyFailed ? ExecutionStatus.PARTIALLY_FAILED : ExecutionStatus.SUCCEEDED;
    }
}
