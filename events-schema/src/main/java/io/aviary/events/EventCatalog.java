package io.aviary.events;

import io.aviary.events.account.AccountCharged;
import io.aviary.events.account.AccountCredited;
import io.aviary.events.account.AccountOpened;
import io.aviary.events.account.BillingCycleClosed;
import io.aviary.events.account.PayoutIssued;
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
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCancelled;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskDeadLettered;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.task.TaskRequeued;
import io.aviary.events.task.TaskRetryScheduled;
import io.aviary.events.task.TaskStarted;
import io.aviary.events.task.TaskTimedOut;
import io.aviary.events.user.UserCreated;
import io.aviary.events.user.UserDeleted;
import io.aviary.events.user.UserRolesChanged;
import io.aviary.events.worker.WorkerCapacityChanged;
import io.aviary.events.worker.WorkerRegistered;
import io.aviary.events.worker.WorkerStateChanged;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type with its wire name and schema. The wire name is the CloudEvent {@code type}:
 * {@code io.aviary.<aggregate>.<Event>.v<N>}; a changed event gets a new version and an upcaster.
 * <p>
 * One event class may be registered in several versions (its record is always the newest shape; fields added since
 * an older version read as {@code null}). Writers use the newest version ({@link #of}); readers resolve every
 * version's wire name ({@link #byCloudEventType}), so events written before a change keep reading. Each version has
 * its own JSON Schema and example.
 */
public final class EventCatalog {

    /** One registered event type. */
    public record EventType(String aggregate, Class<? extends AviaryEvent> eventClass, int version) {

        /** CloudEvent type, e.g. {@code io.aviary.task.TaskCreated.v1}. */
        public String cloudEventType() {
            return "io.aviary." + aggregate + "." + eventClass.getSimpleName() + ".v" + version;
        }

        /** Classpath resource of the JSON Schema of this type. */
        public String schemaResource() {
            return "/io/aviary/events/schemas/" + cloudEventType() + ".json";
        }

        /** Classpath resource of the example event of this type. */
        public String exampleResource() {
            return "/io/aviary/events/examples/" + cloudEventType() + ".json";
        }

        /** Whether this is the newest version of its class (the one written); older ones are only read. */
        public boolean isCurrent() {
            return equals(EventCatalog.of(eventClass));
        }
    }

    private static final List<EventType> TYPES = List.of(
            new EventType("worker", WorkerRegistered.class, 1),
            new EventType("worker", WorkerStateChanged.class, 1),
            new EventType("worker", WorkerCapacityChanged.class, 1),
            new EventType("task", TaskCreated.class, 1),
            new EventType("task", TaskCreated.class, 2),
            new EventType("task", TaskAssigned.class, 1),
            new EventType("task", TaskAssigned.class, 2),
            new EventType("task", TaskStarted.class, 1),
            new EventType("task", TaskCompleted.class, 1),
            new EventType("task", TaskCompleted.class, 2),
            new EventType("task", TaskRetryScheduled.class, 1),
            new EventType("task", TaskDeadLettered.class, 1),
            new EventType("task", TaskTimedOut.class, 1),
            new EventType("task", TaskReassigned.class, 1),
            new EventType("task", TaskReassigned.class, 2),
            new EventType("task", TaskRequeued.class, 1),
            new EventType("task", TaskCancelled.class, 1),
            new EventType("user", UserCreated.class, 1),
            new EventType("user", UserRolesChanged.class, 1),
            new EventType("user", UserDeleted.class, 1),
            new EventType("account", AccountOpened.class, 1),
            new EventType("account", AccountCharged.class, 1),
            new EventType("account", AccountCredited.class, 1),
            new EventType("account", BillingCycleClosed.class, 1),
            new EventType("account", PayoutIssued.class, 1),
            new EventType("area", AreaScheduled.class, 1),
            new EventType("area", AreaUpdated.class, 1),
            new EventType("area", AreaPaused.class, 1),
            new EventType("area", AreaResumed.class, 1),
            new EventType("area", AreaDeleted.class, 1),
            new EventType("area", AreaWebhookSecretRotated.class, 1),
            new EventType("area", AreaFired.class, 1),
            new EventType("area", AreaActionCompleted.class, 1),
            new EventType("area", AreaReactionCompleted.class, 1),
            new EventType("area", AreaExecutionCompleted.class, 1));

    /** The newest version of each class: what is written. */
    private static final Map<Class<?>, EventType> BY_CLASS = TYPES.stream().collect(Collectors.toUnmodifiableMap(
            EventType::eventClass, Function.identity(),
            BinaryOperator.maxBy(Comparator.comparingInt(EventType::version))));
    private static final Map<String, EventType> BY_WIRE_NAME =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(EventType::cloudEventType, Function.identity()));

    private EventCatalog() {
    }

    /** All registered event types, every version of each. */
    public static List<EventType> all() {
        return TYPES;
    }

    /** The newest version of every event class: the types written today. */
    public static List<EventType> current() {
        return TYPES.stream().filter(type -> BY_CLASS.get(type.eventClass()) == type).toList();
    }

    /** Every registered version of an event class, oldest first; empty for a class outside the contract. */
    public static List<EventType> versions(Class<?> eventClass) {
        return TYPES.stream().filter(type -> type.eventClass() == eventClass)
                .sorted(Comparator.comparingInt(EventType::version)).toList();
    }

    /** The newest (written) version of an event class; fails for a class that is not part of the contract. */
    public static EventType of(Class<?> eventClass) {
        EventType type = BY_CLASS.get(eventClass);
        if (type == null) {
            throw new IllegalArgumentException("Not an Aviary event: " + eventClass.getName());
        }
        return type;
    }

    /** The type registered under a CloudEvent type name, if any (unknown types are skipped by consumers). */
    public static Optional<EventType> byCloudEventType(String cloudEventType) {
        return Optional.ofNullable(BY_WIRE_NAME.get(cloudEventType));
    }
}
