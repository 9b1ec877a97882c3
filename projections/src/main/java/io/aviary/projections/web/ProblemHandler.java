package io.aviary.projections.web;

import io.aviary.projections.rebuild.RebuildAlreadyRunningException;
import io.aviary.projections.rebuild.UnknownReadModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the admin API as RFC 9457 {@code application/problem+json}: Spring's handler covers the framework's
 * exceptions (unknown paths, bad methods); this adds unknown read models (404), a rebuild already running (409) and
 * unexpected failures. 401 and 403 come from the security filters in the same shape.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(UnknownReadModelException.class)
    ProblemDetail unknown(UnknownReadModelException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(RebuildAlreadyRunningException.class)
    ProblemDetail running(RebuildAlreadyRunningException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Rebuild running");
        problem.setProperty("progress", e.running());
        return problem;
    }

    /** Denials from method security go back to the security filters, which tell 401 from 403 and write them. */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void security(RuntimeException e) {
        throw e;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Request failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request failed; see the server log.");
        problem.setTitle("Internal error");
        return problem;
    }
}
