package io.aviary.command.account;

import java.util.Optional;

/**
 * The prices of the tasks that may still be charged or credited, as {@code TaskCreated} fixed them. Written by the
 * {@link AccountingProcess} only; a finished task is forgotten (it moves no more money), so this holds the open
 * tasks, not the history.
 */
public interface TaskPrices {

    /** A task's prices, in whole currency units. */
    record Prices(long fee, long reward) {
    }

    /** Remembers a task's prices; a repeat changes nothing (prices never change). */
    void remember(String taskId, Prices prices);

    Optional<Prices> find(String taskId);

    /** The task is finished: no movement refers to it any more. */
    void forget(String taskId);
}
