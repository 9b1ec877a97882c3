package io.aviary.command.axon;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Runs an action once the current unit of work's root has committed, or at once outside a unit of work. For
 * meters moved by event handlers: a batch that is rolled back and retried (or a command whose transaction fails)
 * must not count twice.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void run(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }
}
