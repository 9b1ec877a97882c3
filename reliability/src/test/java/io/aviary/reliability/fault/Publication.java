package io.aviary.reliability.fault;

import io.aviary.events.EventCatalog;
import io.aviary.reliability.EventStore.StoredEvent;
import io.aviary.reliability.EventTopic.TopicRecord;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Compares the event store with the event topic by event id ({@code eventIdentifier} against {@code ce_id}). */
final class Publication {

    private Publication() {
    }

    /** Ids of the stored events the publisher sends: every event class of the contract. */
    static Set<String> publishedIds(List<StoredEvent> stored) {
        Set<String> contract = EventCatalog.all().stream().map(t -> t.eventClass().getName())
                .collect(Collectors.toSet());
        return stored.stream().filter(e -> contract.contains(e.payloadType())).map(StoredEvent::eventId)
                .collect(Collectors.toSet());
    }

    /** Stored events that are not on the topic. */
    static Set<String> missingFromTopic(List<StoredEvent> stored, List<TopicRecord> records) {
        Set<String> missing = publishedIds(stored);
        records.forEach(r -> missing.remove(r.ceId()));
        return missing;
    }
}
