package io.aviary.command.worker;

import io.aviary.events.worker.WorkerState;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Map;

/** Commands of the Worker aggregate. The worker id is {@link io.aviary.events.worker.WorkerIds#forName}. */
public final class WorkerCommands {

    private WorkerCommands() {
    }

    /** Register a worker, or re-register it from the same hardware (then capacity/state may change). */
    public record RegisterWorker(@TargetAggregateIdentifier String workerId, String name, String hardwareId,
                                 int slots, int maxQueue, List<String> taskTypes, Map<String, String> labels) {
    }

    /** An operator (or the liveness monitor, for WORKING/AVAILABLE) moves a worker to another state. */
    public record ChangeWorkerState(@TargetAggregateIdentifier String workerId, WorkerState to, String reason) {
    }

    /** The liveness monitor saw too many missed heartbeats. */
    public record MarkWorkerDown(@TargetAggregateIdentifier String workerId, String reason) {
    }

    /** Remove a worker from the fleet for good (it may register again later). */
    public record DeregisterWorker(@TargetAggregateIdentifier String workerId, String reason) {
    }
}
