package io.aviary.reliability.fault;

import io.aviary.events.EventCatalog;
import io.aviary.events.Topics;
import io.aviary.events.account.AccountCharged;
import io.aviary.events.account.AccountCredited;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskStatus;
import io.aviary.reliability.EventStore;
import io.aviary.reliability.EventStore.StoredEvent;
import io.aviary.reliability.EventTopic;
import io.aviary.reliability.EventTopic.TopicRecord;
import io.aviary.reliability.ReliabilityPlatform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the event store and the event topic say about a set of tasks, and the checks every fault test makes on it:
 * each task final, completed (SUCCESS/WARNING) at most once, credited at most once, and exactly once per completion.
 */
final class TaskAudit {

    private static final String COMPLETED_TYPE = EventCatalog.of(TaskCompleted.class).cloudEventType();

    private final Map<String, List<StoredEvent>> events;
    private final List<StoredEvent> credits;
    private final List<StoredEvent> charges;

    private TaskAudit(Map<String, List<StoredEvent>> events, List<StoredEvent> credits, List<StoredEvent> charges) {
        this.events = events;
        this.credits = credits;
        this.charges = charges;
    }

    /** The event store's view of these tasks and of the money moved for them. */
    static TaskAudit of(EventStore store, Collection<String> taskIds) {
        Set<String> ids = new HashSet<>(taskIds);
        List<StoredEvent> all = store.all();
        List<StoredEvent> credits = all.stream()
                .filter(e -> e.is(AccountCredited.class) && ids.contains(e.text("taskId"))).toList();
        List<StoredEvent> charges = all.stream()
                .filter(e -> e.is(AccountCharged.class) && ids.contains(e.text("taskId"))).toList();
        return new TaskAudit(store.byAggregate(taskIds), credits, charges);
    }

    static boolean allFinal(EventStore store, Collection<String> taskIds) {
        return store.byAggregate(taskIds).values().stream()
                .allMatch(history -> {
                    TaskStatus status = EventStore.statusOf(history);
                    return status != null && status.isFinal();
                });
    }

    Map<String, List<StoredEvent>> events() {
        return events;
    }

    /** Tasks with no event at all: accepted by the API, then lost. */
    List<String> lost() {
        return events.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    Map<String, TaskStatus> statuses() {
        Map<String, TaskStatus> statuses = new LinkedHashMap<>();
        events.forEach((id, history) -> statuses.put(id, EventStore.statusOf(history)));
        return statuses;
    }

    Map<TaskStatus, Long> statusCounts() {
        return statuses().values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }

    List<String> notFinal() {
        return statuses().entrySet().stream().filter(e -> e.getValue() == null || !e.getValue().isFinal())
                .map(Map.Entry::getKey).toList();
    }

    /** SUCCESS/WARNING completions per task. */
    Map<String, List<StoredEvent>> completions() {
        Map<String, List<StoredEvent>> completions = new HashMap<>();
        events.forEach((id, history) -> completions.put(id, history.stream().filter(TaskAudit::isSuccess).toList()));
        return completions;
    }

    List<String> completedTwice() {
        return completions().entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .toList();
    }

    long completedCount() {
        return completions().values().stream().filter(list -> !list.isEmpty()).count();
    }

    /** Tasks credited more than once. */
    List<String> creditedTwice() {
        return creditsPerTask().entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .toList();
    }

    /**
     * Completed tasks without exactly one credit of their completing attempt to the completing worker, and credits
     * without a completion.
     */
    List<String> creditMismatches() {
        Map<String, List<StoredEvent>> credited = creditsPerTask();
        List<String> mismatches = new ArrayList<>();
        completions().forEach((id, done) -> {
            List<StoredEvent> credit = credited.getOrDefault(id, List.of());
            if (done.isEmpty() && !credit.isEmpty()) {
                mismatches.add(id + ": credited without a completion");
            } else if (!done.isEmpty()) {
                StoredEvent completion = done.get(0);
                if (credit.size() != 1
                        || credit.get(0).payload().path("attempt").asInt() != completion.payload().path("attempt").asInt()
                        || !credit.get(0).text("workerId").equals(completion.text("workerId"))) {
                    mismatches.add(id + ": completed by " + completion.text("workerId") + " attempt "
                            + completion.payload().path("attempt") + ", credits " + credit.stream()
                            .map(c -> c.text("workerId") + "/" + c.payload().path("attempt")).toList());
                }
            }
        });
        return mismatches;
    }

    int credits() {
        return credits.size();
    }

    /** Charges booked twice for one (task, attempt). */
    List<String> chargedTwice() {
        return charges.stream().collect(Collectors.groupingBy(c -> c.text("taskId") + "#" + c.payload().path("attempt"),
                        Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    long eventsCount() {
        return events.values().stream().mapToLong(List::size).sum();
    }

    /** How many events of this simple type (e.g. {@code TaskRequeued}) the tasks have. */
    long count(String type) {
        return events.values().stream().flatMap(List::stream).filter(e -> e.type().equals(type)).count();
    }

    private Map<String, List<StoredEvent>> creditsPerTask() {
        return credits.stream().collect(Collectors.groupingBy(c -> c.text("taskId")));
    }

    private static boolean isSuccess(StoredEvent event) {
        return event.type().equals("TaskCompleted")
                && ("SUCCESS".equals(event.text("outcome")) || "WARNING".equals(event.text("outcome")));
    }

    /**
     * On the topic: per task, the distinct event ids of SUCCESS/WARNING completions (must be at most 1), and how
     * many records carried an event id already seen (transport duplicates, which consumers drop).
     */
    record TopicView(Map<String, Set<String>> completionIdsPerTask, int records, int duplicateRecords) {

        static TopicView of(ReliabilityPlatform platform, Collection<String> taskIds) {
            Set<String> ids = new HashSet<>(taskIds);
            List<TopicRecord> records = new EventTopic(platform.stack().kafkaBootstrap()).readAll(Topics.EVENTS);
            Map<String, Set<String>> completions = new HashMap<>();
            Map<String, Integer> perId = new HashMap<>();
            for (TopicRecord record : records) {
                if (record.ceId() != null) {
                    perId.merge(record.ceId(), 1, Integer::sum);
                }
                if (COMPLETED_TYPE.equals(record.ceType()) && ids.contains(record.key())) {
                    String outcome = io.aviary.reliability.Api.read(record.value()).path("outcome").asText();
                    if (outcome.equals("SUCCESS") || outcome.equals("WARNING")) {
                        completions.computeIfAbsent(record.key(), k -> new HashSet<>()).add(record.ceId());
                    }
                }
            }
            int duplicates = perId.values().stream().mapToInt(n -> n - 1).sum();
            return new TopicView(completions, records.size(), duplicates);
        }

        List<String> completedTwice() {
            return completionIdsPerTask.entrySet().stream().filter(e -> e.getValue().size() > 1)
                    .map(Map.Entry::getKey).toList();
        }
    }
}
