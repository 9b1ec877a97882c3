package io.aviary.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.events.area.AreaEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** AREA definitions as the REST API takes them, and reading an AREA's events back from the event store. */
public final class Areas {

    private Areas() {
    }

    /** A definition: {@code timer.tick} on a cron expression, with the given reactions. */
    public static Map<String, Object> cron(String name, String cron, List<Map<String, Object>> reactions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("action", Map.of("service", "clock", "type", "timer.tick"));
        body.put("trigger", Map.of("kind", "CRON", "cron", cron, "zone", "Europe/Paris"));
        body.put("reactions", reactions);
        body.put("retryPolicy", Map.of("maxAttempts", 2, "initialBackoffMs", 100, "multiplier", 2.0,
                "maxBackoffMs", 1000));
        return body;
    }

    /** A definition: {@code webhook.received} for {@code service}, with one {@code log} reaction. */
    public static Map<String, Object> webhook(String name, String service) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("action", Map.of("service", service, "type", "webhook.received"));
        body.put("trigger", Map.of("kind", "WEBHOOK"));
        body.put("reactions", List.of(log(null)));
        return body;
    }

    /** A {@code log} reaction, with a condition or none. */
    public static Map<String, Object> log(String condition) {
        Map<String, Object> reaction = new LinkedHashMap<>();
        reaction.put("type", "log");
        reaction.put("params", Map.of("message", "fired at {{output.firedAt}}"));
        if (condition != null) {
            reaction.put("condition", condition);
        }
        return reaction;
    }

    /** Creates an AREA as admin, asserting 202; the answer holds areaId (and webhook for a WEBHOOK one). */
    public static JsonNode create(TestApi api, Map<String, Object> definition) {
        ResponseEntity<JsonNode> answer = api.post("/api/v1/areas", definition, api.adminToken());
        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        return answer.getBody();
    }

    /** Every event of an AREA, in order. */
    public static List<AreaEvent> events(EventStore eventStore, String areaId) {
        return eventStore.readEvents(areaId).asStream().map(DomainEventMessage::getPayload)
                .filter(AreaEvent.class::isInstance).map(AreaEvent.class::cast).toList();
    }

    /** The events of one type of an AREA, in order. */
    public static <T> List<T> events(EventStore eventStore, String areaId, Class<T> type) {
        return events(eventStore, areaId).stream().filter(type::isInstance).map(type::cast).toList();
    }
}
