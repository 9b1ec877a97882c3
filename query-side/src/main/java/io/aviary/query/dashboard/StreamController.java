package io.aviary.query.dashboard;

import io.aviary.events.user.Role;
import io.aviary.query.security.CurrentPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/stream}: server-sent events, one compact JSON {@link Notification} per event from now on.
 * Managers and admins see every event; a WORKER (a person) sees only the events that concern their own worker and
 * its tasks; other roles are refused (403). The token is sent in the
 * {@code Authorization} header as everywhere else (the dashboard reads the stream with {@code fetch}, not
 * {@code EventSource}), and the stream ends when that token expires, so roles are re-checked at the reconnect.
 */
@RestController
class StreamController {

    private static final Duration MIN_STREAM = Duration.ofSeconds(1);

    private final DashboardProperties properties;
    private final StreamHub hub;
    private final EventFeed feed;

    StreamController(DashboardProperties properties, StreamHub hub, EventFeed feed) {
        this.properties = properties;
        this.hub = hub;
        this.feed = feed;
    }

    @Operation(summary = "Live notifications as server-sent events",
            description = "Send `Accept: text/event-stream`. First an event named `ready` once the server follows "
                    + "the event log (nothing after it is missed; reload what you show then), then one unnamed event "
                    + "per domain event with JSON data `{type, aggregate, aggregateId, workerId?, fromWorkerId?, "
                    + "status?, outcome?, at}`, and a comment line every 15 s. The stream ends when the access token "
                    + "expires: reconnect with a fresh one. A client that cannot keep up is disconnected. A WORKER "
                    + "receives only events about their own worker and its tasks.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
            schema = @Schema(implementation = Notification.class)))
    @RolesAllowed({"ADMIN", "MANAGER", "WORKER"})
    @GetMapping("/api/v1/stream")
    SseEmitter stream(@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                      HttpServletResponse response) throws HttpMediaTypeNotAcceptableException {
        // a client that did not ask for a stream (a plain GET that reads to the end) would wait forever: say why not
        if (!asksForEventStream(accept)) {
            throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.TEXT_EVENT_STREAM));
        }
        if (!properties.stream().enabled()) {
            throw unavailable("The live stream is switched off on this server (aviary.dashboard.stream.enabled).");
        }
        CurrentPrincipal caller = CurrentPrincipal.require();
        SseEmitter emitter = new SseEmitter(untilTokenExpires().toMillis());
        hub.subscribe(caller.username() == null ? caller.subject() : caller.username(), emitter, filterFor(caller))
                .orElseThrow(() -> unavailable("Too many live streams are open; try again shortly."));
        feed.ensureStarted();
        // reverse proxies (nginx ingress) would otherwise buffer the stream
        response.setHeader("X-Accel-Buffering", "no");
        return emitter;
    }

    private static Predicate<Notification> filterFor(CurrentPrincipal caller) {
        if (caller.hasAnyRole(Role.ADMIN, Role.MANAGER)) {
            return notification -> true;
        }
        String ownWorker = caller.workerId();
        return notification -> notification.concerns(ownWorker);
    }

    private static boolean asksForEventStream(String accept) {
        if (accept == null) {
            return false;
        }
        return MediaType.parseMediaTypes(accept).stream()
                .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM) && !type.isWildcardType()
                        && !type.isWildcardSubtype());
    }

    private static Duration untilTokenExpires() {
        Instant expiresAt = SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken
                token ? token.getToken().getExpiresAt() : null;
        if (expiresAt == null) {
            return MIN_STREAM;
        }
        Duration left = Duration.between(Instant.now(), expiresAt);
        return left.compareTo(MIN_STREAM) < 0 ? MIN_STREAM : left;
    }

    private static ErrorResponseException unavailable(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle("Live stream unavailable");
        return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
    }
}
