package io.aviary.command.worker;

import io.aviary.command.axon.AggregateCacheConfiguration;
import io.aviary.command.CommandRejectedException;
import io.aviary.command.worker.WorkerCommands.ChangeWorkerState;
import io.aviary.command.worker.WorkerCommands.DeregisterWorker;
import io.aviary.command.worker.WorkerCommands.MarkWorkerDown;
import io.aviary.command.worker.WorkerCommands.RegisterWorker;
import io.aviary.events.worker.WorkerCapacityChanged;
import io.aviary.events.worker.WorkerRegistered;
import io.aviary.events.worker.WorkerState;
import io.aviary.events.worker.WorkerStateChanged;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A worker of the fleet, bound to the hardware it first registered from. Its id comes from its name, so every
 * registration of a name meets this aggregate and the binding needs no lookup table.
 */
@Aggregate(cache = AggregateCacheConfiguration.WORKERS)
public class WorkerAggregate {

    static final String REREGISTERED = "re-registered";

    @AggregateIdentifier
    private String workerId;
    private String name;
    private String hardwareId;
    private Capacity capacity;
    private WorkerState state;

    protected WorkerAggregate() {
        // Axon creates an empty instance, then replays the events (or runs a creating command).
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(RegisterWorker command) {
        Capacity requested = Capacity.of(command);
        if (workerId == null) {
            apply(new WorkerRegistered(command.workerId(), command.name(), command.hardwareId(), requested.slots(),
                    requested.maxQueue(), requested.taskTypes(), requested.labels(), now()));
            return command.workerId();
        }
        if (!hardwareId.equals(command.hardwareId())) {
            throw new CommandRejectedException("Worker name '" + name + "' is bound to another hardware id");
        }
        if (!capacity.equals(requested)) {
            apply(new WorkerCapacityChanged(workerId, requested.slots(), requested.maxQueue(), requested.taskTypes(),
                    requested.labels(), now()));
        }
        if (state == WorkerState.DOWN || state == WorkerState.DEREGISTERED) {
            apply(new WorkerStateChanged(workerId, state, WorkerState.AVAILABLE, REREGISTERED, now()));
        }
        return workerId;
    }

    @CommandHandler
    public void handle(ChangeWorkerState command) {
        moveTo(command.to(), command.reason());
    }

    @CommandHandler
    public void handle(MarkWorkerDown command) {
        moveTo(WorkerState.DOWN, command.reason());
    }

    @CommandHandler
    public void handle(DeregisterWorker command) {
        moveTo(WorkerState.DEREGISTERED, command.reason());
    }

    private void moveTo(WorkerState to, String reason) {
        Objects.requireNonNull(to, "target state");
        if (to == state) {
            return;
        }
        if (!WorkerTransitions.isAllowed(state, to)) {
            throw new CommandRejectedException("Worker '" + name + "' cannot go from " + state + " to " + to
                    + (state == WorkerState.DEREGISTERED ? " (a deregistered worker comes back by registering again)"
                    : "; allowed: " + WorkerTransitions.allowedFrom(state)));
        }
        apply(new WorkerStateChanged(workerId, state, to, reason, now()));
    }

    @EventSourcingHandler
    void on(WorkerRegistered event) {
        workerId = event.workerId();
        name = event.name();
        hardwareId = event.hardwareId();
        capacity = new Capacity(event.slots(), event.maxQueue(), event.taskTypes(), event.labels());
        state = WorkerState.AVAILABLE;
    }

    @EventSourcingHandler
    void on(WorkerCapacityChanged event) {
        capacity = new Capacity(event.slots(), event.maxQueue(), event.taskTypes(), event.labels());
    }

    @EventSourcingHandler
    void on(WorkerStateChanged event) {
        state = event.to();
    }

    /** Axon's message clock: the event timestamps use it too, and test fixtures pin it. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    /** What a registration declares; a difference on re-registration is a capacity change. */
    private record Capacity(int slots, int maxQueue, List<String> taskTypes, Map<String, String> labels) {

        Capacity {
            taskTypes = taskTypes == null ? List.of() : List.copyOf(taskTypes);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }

        static Capacity of(RegisterWorker command) {
            return new Capacity(command.slots(), command.maxQueue(), command.taskTypes(), command.labels());
        }
    }
}
