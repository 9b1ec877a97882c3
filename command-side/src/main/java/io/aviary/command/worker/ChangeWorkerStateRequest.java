package io.aviary.command.worker;

import io.aviary.events.worker.WorkerState;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/v1/workers/{id}/state}. Operators choose among the states a person decides; WORKING and DOWN
 * follow from heartbeats, DEREGISTERED from {@code DELETE}.
 *
 * @param state  AVAILABLE, DRAINING or UPDATING
 * @param reason why, for the history (optional)
 */
public record ChangeWorkerStateRequest(
        @NotNull @Pattern(regexp = "AVAILABLE|DRAINING|UPDATING", message = "must be AVAILABLE, DRAINING or UPDATING")
        String state,
        @Size(max = 500) String reason) {

    WorkerState targetState() {
        return WorkerState.valueOf(state);
    }
}
