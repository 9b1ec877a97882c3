package io.aviary.command.area;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhook delivery ids an AREA has fired for, so that a sender's retry fires once. Bounded: an id is remembered
 * for {@link #RETENTION} after its fire and only the newest {@link #CAPACITY} are kept; a delivery id replayed after
 * that fires again (senders retry within minutes, not days). Eviction runs on event times, so every replay of the
 * AREA's events rebuilds the same set. Part of the AREA's snapshot (Jackson, fields only).
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
final class RecentDeliveries {

    /** How long a delivery id is remembered after its fire. */
    static final Duration RETENTION = Duration.ofHours(24);
    /** How many delivery ids are remembered at most (the oldest go first). */
    static final int CAPACITY = 10_000;

    /** Delivery id to fire time, oldest first. */
    private LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    boolean contains(String deliveryId) {
        return seen.containsKey(deliveryId);
    }

    void remember(String deliveryId, Instant firedAt) {
        seen.put(deliveryId, firedAt);
        Instant horizon = firedAt.minus(RETENTION);
        for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> oldest = it.next();
            if (seen.size() > CAPACITY || oldest.getValue().isBefore(horizon)) {
                it.remove();
            } else {
                break;
            }
        }
    }

    int size() {
        return seen.size();
    }
}
