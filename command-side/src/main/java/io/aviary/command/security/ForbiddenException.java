package io.aviary.command.security;

/**
 * The caller is known but may not do this to this resource (an agent acting for another worker, a hardware id that
 * is not the enrolled one). The REST layer answers 403; nothing changed.
 */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
