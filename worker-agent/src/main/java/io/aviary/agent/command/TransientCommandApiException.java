package io.aviary.agent.command;

/** The command side could not be reached or answered 5xx / 429: worth retrying. */
public class TransientCommandApiException extends RuntimeException {

    public TransientCommandApiException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransientCommandApiException(String message) {
        super(message);
    }
}
