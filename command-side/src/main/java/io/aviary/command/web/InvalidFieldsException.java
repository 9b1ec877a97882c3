package io.aviary.command.web;

import java.util.List;

/**
 * A request that binds but breaks rules Bean Validation cannot express (a cron expression, a time zone, a condition):
 * answered 400 like a Bean Validation failure, each problem naming its field (e.g. {@code reactions[1].condition}).
 */
public class InvalidFieldsException extends RuntimeException {

    /** One field and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }

    private final List<FieldProblem> problems;

    public InvalidFieldsException(List<FieldProblem> problems) {
        super(String.join("; ", problems.stream().map(p -> p.field() + " " + p.message()).toList()));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
