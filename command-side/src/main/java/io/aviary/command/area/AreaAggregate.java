package io.aviary.command.area;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.aviary.command.CommandRejectedException;
import io.aviary.command.area.AreaCommands.DeleteArea;
import io.aviary.command.area.AreaCommands.FireArea;
import io.aviary.command.area.AreaCommands.PauseArea;
import io.aviary.command.area.AreaCommands.RecordActionCompleted;
import io.aviary.command.area.AreaCommands.RecordReactionCompleted;
import io.aviary.command.area.AreaCommands.ResumeArea;
import io.aviary.command.area.AreaCommands.RotateWebhookSecret;
import io.aviary.command.area.AreaCommands.ScheduleArea;
import io.aviary.command.area.AreaCommands.UpdateArea;
import io.aviary.command.area.AreaTransitions.Action;
import io.aviary.command.area.FireRejectedException.Reason;
import io.aviary.events.area.AreaActionCompleted;
import io.aviary.events.area.AreaDeleted;
import io.aviary.events.area.AreaExecutionCompleted;
import io.aviary.events.area.AreaFired;
import io.aviary.events.area.AreaPaused;
import io.aviary.events.area.AreaReactionCompleted;
import io.aviary.events.area.AreaResumed;
import io.aviary.events.area.AreaScheduled;
import io.aviary.events.area.AreaUpdated;
import io.aviary.events.area.AreaWebhookSecretRotated;
import io.aviary.events.area.ExecutionStatus;
import io.aviary.events.area.FireSource;
import io.aviary.events.area.TriggerKind;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An AREA: its definition's life cycle, its fires and the steps of each execution. It is the judge of fire-once:
 * <ul>
 *     <li>a scheduled fire (CRON/INTERVAL) is accepted only for an instant after the last one accepted, so the same
 *     instant fired by several scheduler replicas (the same deterministic fire id) fires once;</li>
 *     <li>a webhook fire is accepted once per delivery id ({@link RecentDeliveries}: 24 h / 10,000 ids);</li>
 *     <li>nothing fires while PAUSED or after DELETED, nor for a source that is not its trigger kind, nor while
 *     {@value #MAX_OPEN_EXECUTIONS} executions are still open (back-pressure when no agent runs its tasks).</li>
 * </ul>
 * Two replicas racing with the same fire both load the AREA, both decide to apply, and the event store's unique
 * (aggregate, sequence) key lets only one append; the other gets a concurrency exception, and sent again it sees the
 * fire and is rejected.
 * <p>
 * Execution steps ({@code RecordActionCompleted}, {@code RecordReactionCompleted}) are idempotent: each is recorded
 * once, and after the last one the AREA decides the execution's status ({@code AreaExecutionCompleted}).
 * Snapshotted every {@code aviary.areas.snapshot-threshold} events (every fire adds three or more).
 */
@Aggregate(snapshotTriggerDefinition = AreaConfiguration.SNAPSHOT_TRIGGER)
@Revision("1")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class AreaAggregate {

    /** Fires are refused while this many executions are open. */
    static final int MAX_OPEN_EXECUTIONS = 1_000;

    @AggregateIdentifier
    private String areaId;
    private int version;
    private AreaState state;
    private TriggerKind triggerKind;
    private String service;
    private int reactionCount;
    private String hookId;
    /** The latest scheduled instant fired; a scheduled fire at or before it is a duplicate. */
    private Instant lastScheduledFor;
    private RecentDeliveries deliveries = new RecentDeliveries();
    private Map<String, OpenExecution> open = new HashMap<>();

    protected AreaAggregate() {
        // Axon creates an empty instance, then replays the events (or the snapshot).
    }

    @CommandHandler
    public AreaAggregate(ScheduleArea command) {
        boolean webhook = command.trigger().kind() == TriggerKind.WEBHOOK;
        if (webhook == (command.hookId() == null)) {
            throw new IllegalArgumentException("a hook id is required for a WEBHOOK trigger, and only for one");
        }
        apply(new AreaScheduled(command.areaId(), command.owner(), command.name(), 1, command.action(),
                command.trigger(), List.copyOf(command.reactions()), command.retryPolicy(), command.hookId(), now()));
    }

    @CommandHandler
    public int handle(UpdateArea command) {
        require(Action.UPDATE);
        TriggerKind kind = command.trigger().kind();
        if ((kind == TriggerKind.WEBHOOK) != (triggerKind == TriggerKind.WEBHOOK)) {
            throw reject("has a " + triggerKind + " trigger: it cannot become " + kind
                    + " (a webhook URL is made when an AREA is created; create a new AREA instead)");
        }
        apply(new AreaUpdated(areaId, version + 1, command.name(), command.action(), command.trigger(),
                List.copyOf(command.reactions()), command.retryPolicy(), now()));
        return version;
    }

    @CommandHandler
    public void handle(PauseArea command) {
        if (state == AreaState.PAUSED) {
            return;
        }
        require(Action.PAUSE);
        apply(new AreaPaused(areaId, now()));
    }

    @CommandHandler
    public void handle(ResumeArea command) {
        if (state == AreaState.ACTIVE) {
            return;
        }
        require(Action.RESUME);
        apply(new AreaResumed(areaId, now()));
    }

    /** Deletes the AREA; answers its hook id ({@code null} if it has none), whose secret can go too. */
    @CommandHandler
    public String handle(DeleteArea command) {
        if (state != AreaState.DELETED) {
            require(Action.DELETE);
            apply(new AreaDeleted(areaId, now()));
        }
        return hookId;
    }

    @CommandHandler
    public WebhookAddress handle(RotateWebhookSecret command) {
        require(Action.ROTATE_SECRET);
        if (triggerKind != TriggerKind.WEBHOOK) {
            throw reject("has a " + triggerKind + " trigger: it has no webhook secret");
        }
        apply(new AreaWebhookSecretRotated(areaId, hookId, now()));
        return new WebhookAddress(hookId, service);
    }

    @CommandHandler
    public String handle(FireArea command) {
        requireFireable(command);
        if (command.source() == FireSource.WEBHOOK) {
            if (deliveries.contains(command.deliveryId())) {
                throw new FireRejectedException(Reason.DUPLICATE, "AREA " + areaId + " already fired for delivery "
                        + command.deliveryId());
            }
        } else if (lastScheduledFor != null && !command.scheduledFor().isAfter(lastScheduledFor)) {
            throw new FireRejectedException(Reason.DUPLICATE, "AREA " + areaId + " already fired for "
                    + lastScheduledFor + ", not again for " + command.scheduledFor());
        }
        if (open.size() >= MAX_OPEN_EXECUTIONS) {
            throw new FireRejectedException(Reason.BUSY, "AREA " + areaId + " has " + open.size()
                    + " executions still running: no more fires until some finish");
        }
        apply(new AreaFired(areaId, command.fireId(), command.executionId(), version, command.source(),
                command.scheduledFor(), command.deliveryId(),
                command.payload() == null ? Map.of() : new LinkedHashMap<>(command.payload()), now()));
        return command.executionId();
    }

    @CommandHandler
    public boolean handle(RecordActionCompleted command) {
        OpenExecution execution = open.get(command.executionId());
        if (execution == null || execution.actionDone()) {
            return false; // recorded before (a redelivery or a replay), or not an open execution of this AREA
        }
        Objects.requireNonNull(command.outcome(), "outcome");
        boolean triggered = command.triggered() && command.outcome().completesTask();
        Instant now = now();
        apply(new AreaActionCompleted(areaId, command.executionId(), command.taskId(), command.attempts(),
                command.outcome(), triggered, command.output() == null ? Map.of()
                : new LinkedHashMap<>(command.output()), now));
        ExecutionStatus status = OpenExecution.afterAction(command.outcome(), triggered, execution.reactions());
        if (status != null) {
            apply(new AreaExecutionCompleted(areaId, command.executionId(), status, execution.firedAt(), now));
        }
        return true;
    }

    @CommandHandler
    public boolean handle(RecordReactionCompleted command) {
        OpenExecution execution = open.get(command.executionId());
        if (execution == null || execution.hasRecorded(command.index())) {
            return false;
        }
        if (!execution.actionDone() || !execution.triggered()) {
            throw reject("execution " + command.executionId() + " runs no reactions (its action "
                    + (execution.actionDone() ? "did not trigger" : "is not done") + ")");
        }
        if (command.index() < 0 || command.index() >= execution.reactions()) {
            throw new IllegalArgumentException("execution " + command.executionId() + " has "
                    + execution.reactions() + " reactions, not one at index " + command.index());
        }
        if (command.conditionHeld() != (command.outcome() != null)) {
            throw new IllegalArgumentException("a reaction has an outcome exactly when its condition held");
        }
        Instant now = now();
        apply(new AreaReactionCompleted(areaId, command.executionId(), command.index(), command.type(),
                command.conditionHeld(), command.taskId(), command.attempts(), command.outcome(), now));
        ExecutionStatus status = open.get(command.executionId()).afterReactions();
        if (status != null) {
            apply(new AreaExecutionCompleted(areaId, command.executionId(), status, execution.firedAt(), now));
        }
        return true;
    }

    private void requireFireable(FireArea command) {
        if (state == AreaState.DELETED) {
            throw new FireRejectedException(Reason.GONE, "AREA " + areaId + " is deleted");
        }
        if (state == AreaState.PAUSED) {
            throw new FireRejectedException(Reason.PAUSED, "AREA " + areaId + " is paused");
        }
        require(Action.FIRE);
        if (!command.source().name().equals(triggerKind.name())) {
            throw new FireRejectedException(Reason.GONE, "AREA " + areaId + " has a " + triggerKind
                    + " trigger, not " + command.source());
        }
        if (command.source() == FireSource.WEBHOOK) {
            if (command.deliveryId() == null || !command.deliveryId().equals(command.fireId())) {
                throw new IllegalArgumentException("a webhook fire's id is its delivery id");
            }
            if (!service.equals(command.service())) {
                throw new FireRejectedException(Reason.GONE, "AREA " + areaId + " has no webhook for service "
                        + command.service());
            }
        } else if (command.scheduledFor() == null
                || !AreaCommands.scheduledFireId(areaId, command.scheduledFor()).equals(command.fireId())) {
            throw new IllegalArgumentException("a scheduled fire's id is areaId@scheduledFor");
        }
    }

    private void require(Action action) {
        if (!AreaTransitions.isAllowed(state, action)) {
            throw reject("is " + state + ": cannot " + action.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (state == AreaState.DELETED ? "" : " (allowed: " + AreaTransitions.allowedIn(state) + ")"));
        }
    }

    private CommandRejectedException reject(String why) {
        return new CommandRejectedException("AREA " + areaId + " " + why);
    }

    @EventSourcingHandler
    void on(AreaScheduled event) {
        areaId = event.areaId();
        version = event.version();
        state = AreaState.ACTIVE;
        triggerKind = event.trigger().kind();
        service = event.action().service();
        reactionCount = event.reactions().size();
        hookId = event.hookId();
    }

    @EventSourcingHandler
    void on(AreaUpdated event) {
        version = event.version();
        triggerKind = event.trigger().kind();
        service = event.action().service();
        reactionCount = event.reactions().size();
    }

    @EventSourcingHandler
    void on(AreaPaused event) {
        state = AreaState.PAUSED;
    }

    @EventSourcingHandler
    void on(AreaResumed event) {
        state = AreaState.ACTIVE;
    }

    @EventSourcingHandler
    void on(AreaDeleted event) {
        state = AreaState.DELETED;
    }

    @EventSourcingHandler
    void on(AreaFired event) {
        if (event.scheduledFor() != null) {
            lastScheduledFor = event.scheduledFor();
        }
        if (event.deliveryId() != null) {
            deliveries.remember(event.deliveryId(), event.firedAt());
        }
        open.put(event.executionId(), OpenExecution.fired(event.firedAt(), reactionCount));
    }

    @EventSourcingHandler
    void on(AreaActionCompleted event) {
        open.computeIfPresent(event.executionId(), (id, execution) -> execution.actionCompleted(event.triggered()));
    }

    @EventSourcingHandler
    void on(AreaReactionCompleted event) {
        open.computeIfPresent(event.executionId(),
                (id, execution) -> execution.reactionCompleted(event.index(), event.outcome()));
    }

    @EventSourcingHandler
    void on(AreaExecutionCompleted event) {
        open.remove(event.executionId());
    }

    /** Axon's message clock: the event timestamps use it too, and test fixtures pin it. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
