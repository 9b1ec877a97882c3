package io.aviary.command;

/**
 * An aggregate refused a command because of its current state (an illegal transition, a stale report, a name bound
 * to other hardware). Nothing changed; the REST layer answers 409 with this message.
 */
public class CommandRejectedException extends RuntimeException {

    public CommandRejectedException(String message) {
        super(message);
    }
}
