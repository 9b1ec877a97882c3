package io.aviary.events.task;

/**
 * Which AREA execution a task runs for: lets the orchestrator, the read models and the agents correlate a task with
 * its execution without a lookup.
 *
 * @param areaId      the AREA
 * @param executionId the execution
 * @param role        {@value #ACTION} or {@value #REACTION}
 * @param index       the reaction's position in the definition, {@code null} for the action
 */
public record TaskOrigin(String areaId, String executionId, String role, Integer index) {

    /** Role of an execution's action task. */
    public static final String ACTION = "action";

    /** Role of an execution's reaction tasks. */
    public static final String REACTION = "reaction";

    /** The origin of an execution's action task. */
    public static TaskOrigin action(String areaId, String executionId) {
        return new TaskOrigin(areaId, executionId, ACTION, null);
    }

    /** The origin of an execution's reaction task number {@code index}. */
    public static TaskOrigin reaction(String areaId, String executionId, int index) {
        return new TaskOrigin(areaId, executionId, REACTION, index);
    }
}
