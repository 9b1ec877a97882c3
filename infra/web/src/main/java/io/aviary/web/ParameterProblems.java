package io.aviary.web;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A Bean Validation failure on a handler's parameters ({@code @Min} on a {@code @RequestParam}, ...) as a 400 problem
 * that names each parameter and says what is wrong ("size must be greater than or equal to 1"), with an
 * {@code errors} array in the shape of the request-body validation errors. Spring's default says only "Validation
 * failure". One home for the command and query sides.
 */
public final class ParameterProblems {

    private ParameterProblems() {
    }

    public static ProblemDetail of(HandlerMethodValidationException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String parameter = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError fieldError
                        ? parameter + "." + fieldError.getField() : parameter;
                errors.add(Map.of("field", String.valueOf(field), "message", String.valueOf(error.getDefaultMessage())));
            }
        });
        errors.sort(Comparator.comparing(error -> error.get("field")));
        String detail = "Invalid request: " + String.join("; ", errors.stream()
                .map(error -> error.get("field") + " " + error.get("message")).toList());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }
}
