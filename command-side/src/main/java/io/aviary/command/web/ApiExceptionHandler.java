package io.aviary.command.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.aviary.command.CommandRejectedException;
import io.aviary.command.auth.CredentialsRejectedException;
import io.aviary.command.auth.LoginLockedException;
import io.aviary.command.security.ForbiddenException;
import io.aviary.web.BodySizeLimitFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Every error of the command API as RFC 9457 {@code application/problem+json}. Spring's own MVC exceptions (404 for
 * an unknown path, 405, 415, ...) come from {@link ResponseEntityExceptionHandler}; the rest is mapped here. A client
 * never sees a stack trace or a Java class name.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** An aggregate refused the command in its current state: nothing changed. */
    @ExceptionHandler(CommandRejectedException.class)
    ProblemDetail rejected(CommandRejectedException e) {
        return problem(HttpStatus.CONFLICT, "Command rejected", e.getMessage());
    }

    /** Credentials (password, refresh token, enrolment token, agent secret) not accepted. */
    @ExceptionHandler(CredentialsRejectedException.class)
    ResponseEntity<ProblemDetail> credentialsRejected(CredentialsRejectedException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problem(HttpStatus.UNAUTHORIZED, "Unauthorized", e.getMessage()));
    }

    /** The username is locked after repeated failed logins: 429 until the lock ends. */
    @ExceptionHandler(LoginLockedException.class)
    ResponseEntity<ProblemDetail> loginLocked(LoginLockedException e) {
        long seconds = Math.max(1, e.retryAfter().plus(Duration.ofMillis(999)).toSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins", e.getMessage()));
    }

    /** A known caller acting on something that is not theirs (another worker's task, other hardware). */
    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    /** Spring Security's own exceptions go back to its filters, which answer the 401/403 problems. */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void securityException(RuntimeException e) {
        throw e;
    }

    /** Rules beyond Bean Validation (cron, zone, condition, ...): same answer shape as a Bean Validation failure. */
    @ExceptionHandler(InvalidFieldsException.class)
    ProblemDetail invalidFields(InvalidFieldsException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", "Invalid request: "
                + e.getMessage());
        problem.setProperty("errors", e.problems().stream()
                .map(error -> Map.of("field", error.field(), "message", error.message())).toList());
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "Not found",
                "No " + kind(request.getRequestURI()) + " with id " + e.getAggregateIdentifier());
    }

    /** Lost a race twice in a row ({@link CommandSender} retries once): the client may try again. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail conflict(RuntimeException e) {
        LOG.info("Concurrent modification after a retry: {}", e.getMessage());
        return problem(HttpStatus.CONFLICT, "Concurrent modification",
                "Another change to the same resource happened at the same time; try again");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (StoreUnavailable.causedBy(e)) {
            // The database is down: a client can do something about a 503 (wait, retry), not about a 500.
            LOG.warn("Request answered 503: the database is not reachable ({})", e.toString());
            return StoreUnavailable.response();
        }
        LOG.error("Unexpected error handling a request", e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request could not be processed; the server log has the details"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(FieldError::getField))
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        List<String> global = e.getBindingResult().getGlobalErrors().stream()
                .map(error -> String.valueOf(error.getDefaultMessage())).toList();
        String detail = "Invalid request: " + String.join("; ", errors.stream()
                .map(error -> error.get("field") + " " + error.get("message")).toList())
                + (global.isEmpty() ? "" : (errors.isEmpty() ? "" : "; ") + String.join("; ", global));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (causedBy(e, BodySizeLimitFilter.BodyTooLargeException.class)) {
            // A chunked body that outgrew the limit while it was read (a declared length is refused up front).
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem(HttpStatus.PAYLOAD_TOO_LARGE,
                    "Payload too large", e.getMostSpecificCause().getMessage()));
        }
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return ResponseEntity.badRequest().body(unknownField(unknown));
        }
        // Jackson's message names Java types; say what is wrong in the client's terms instead.
        String detail;
        if (e.getCause() instanceof InvalidFormatException invalid) {
            detail = "Invalid value " + quoted(invalid.getValue()) + " for " + path(invalid);
        } else if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            detail = "Invalid JSON value for " + path(mapping);
        } else {
            detail = "The request body is missing or is not well-formed JSON";
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Malformed request", detail));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A field no request has ({@code spring.jackson.deserialization.fail-on-unknown-properties}): refused before any
     * command, in the shape of a validation failure. Jackson stops at the first one, so one is named.
     */
    private static ProblemDetail unknownField(UnrecognizedPropertyException e) {
        String field = fieldPath(e);
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "Unknown field '" + field + "' in the request body");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", "unknown field")));
        return problem;
    }

    private static String path(JsonMappingException e) {
        String path = fieldPath(e);
        return path.isEmpty() ? "the body" : "field '" + path + "'";
    }

    /** Where in the body, as the validation errors name it: {@code tasks[1].priority}. */
    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String quoted(@Nullable Object value) {
        return value == null ? "null" : "'" + value + "'";
    }

    /** Axon's exception does not say which aggregate type was missing; the path does. */
    private static String kind(String path) {
        return path.contains("/tasks/") ? "task" : path.contains("/workers/") ? "worker"
                : path.contains("/users/") ? "user" : path.contains("/areas/") ? "AREA" : "resource";
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
