package io.aviary.query.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request parameter that cannot be used (a malformed date, a range the wrong way round): 400 problem+json that
 * names the parameter. Spring's own handler writes it, as for its own {@code ErrorResponse}s.
 */
public class BadParameterException extends ErrorResponseException {

    public BadParameterException(String parameter, String detail) {
        super(HttpStatus.BAD_REQUEST, problem(parameter, detail), null);
    }

    private static ProblemDetail problem(String parameter, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid parameter");
        problem.setProperty("parameter", parameter);
        return problem;
    }
}
