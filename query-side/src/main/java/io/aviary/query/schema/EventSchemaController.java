package io.aviary.query.schema;

import io.aviary.events.EventCatalog;
import io.aviary.events.EventCatalog.EventType;
import jakarta.annotation.security.PermitAll;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The JSON Schema of every event type, where each CloudEvent's {@code dataschema} points
 * ({@code GET /api/v1/event-schemas/{type}}, e.g. {@code io.aviary.task.TaskCreated.v2}). Public: a schema says what
 * a record looks like, nothing about the platform's data. Schemas never change once published (a changed event is a
 * new version), so they may be cached for a long time.
 */
@RestController
public class EventSchemaController {

    public static final String PATH = "/api/v1/event-schemas/";
    static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

    @GetMapping(PATH + "{type}")
    @PermitAll
    public ResponseEntity<byte[]> schema(@PathVariable String type) {
        EventType eventType = EventCatalog.byCloudEventType(type).orElseThrow(() -> notFound(type));
        try (InputStream schema = EventCatalog.class.getResourceAsStream(eventType.schemaResource())) {
            if (schema == null) {
                throw notFound(type);
            }
            return ResponseEntity.ok().contentType(SCHEMA_JSON)
                    .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
                    .body(schema.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ErrorResponseException notFound(String type) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No event type " + type + "; types look like io.aviary.task.TaskCreated.v2");
        problem.setTitle("Not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
