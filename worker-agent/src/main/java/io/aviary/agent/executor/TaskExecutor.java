package io.aviary.agent.executor;

/**
 * Runs tasks of one type. Implementations are Spring beans; see the package documentation for the contract.
 */
public interface TaskExecutor {

    /** The task type this executor runs, e.g. {@code sleep}; matches {@code TaskCreated.type}. */
    String type();

    /**
     * Runs one attempt of a task.
     *
     * @param context the attempt: ids, attempt number, payload, time-out
     * @return how it ended; never {@code null}
     * @throws InterruptedException when interrupted (time-out, cancellation, shutdown)
     * @throws Exception            any other failure, reported as {@code FAILURE} with its message
     */
    ExecutionResult execute(TaskContext context) throws Exception;
}
