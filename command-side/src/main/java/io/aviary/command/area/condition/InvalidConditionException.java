package io.aviary.command.area.condition;

/** A condition is not in the language; the message completes "the condition ...". */
public class InvalidConditionException extends IllegalArgumentException {

    public InvalidConditionException(String message) {
        super(message);
    }
}
