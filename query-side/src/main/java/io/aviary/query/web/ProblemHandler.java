package io.aviary.query.web;

import io.aviary.web.ParameterProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Arrays;

/**
 * Every error as RFC 9457 {@code application/problem+json}: Spring's handler covers the framework's exceptions
 * (bad parameters, validation, unknown paths); this adds unknown ids and unexpected failures. 401 and 403 come from
 * the security filters ({@code io.aviary.query.security.SecurityProblems}) in the same shape.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    /**
     * Denials from method security and the per-resource checks go back to the security filters, which tell 401
     * (anonymous) from 403 and write those problems; the catch-all below would make them 500s.
     */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void security(RuntimeException e) {
        throw e;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Query failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The query failed; see the server log.");
        problem.setTitle("Internal error");
        return problem;
    }

    /** A filter with a value outside its enum says which values exist. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        Class<?> type = e.getRequiredType();
        if (e instanceof MethodArgumentTypeMismatchException mismatch && type != null && type.isEnum()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "Invalid value '" + mismatch.getValue() + "' for '" + mismatch.getName() + "', expected one of "
                            + Arrays.toString(type.getEnumConstants()));
            problem.setTitle("Invalid parameter");
            return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
        }
        return super.handleTypeMismatch(e, headers, status, request);
    }

    /** A parameter outside its constraints is named, with what is wrong with it (not "Validation failure"). */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        return handleExceptionInternal(e, ParameterProblems.of(e), headers, HttpStatus.BAD_REQUEST, request);
    }
}
