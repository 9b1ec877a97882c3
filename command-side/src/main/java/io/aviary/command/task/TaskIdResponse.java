package io.aviary.command.task;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Answer of the task commands.
 *
 * @param taskId   the task
 * @param warnings what the caller should know although the command was taken, e.g. that no worker can take the
 *                 submitted task; absent when there is nothing to say
 */
public record TaskIdResponse(String taskId, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {

    public TaskIdResponse(String taskId) {
        this(taskId, List.of());
    }
}
