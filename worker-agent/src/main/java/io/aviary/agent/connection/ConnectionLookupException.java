package io.aviary.agent.connection;

/** A connection could not be resolved; the message says why and never holds a secret. */
public class ConnectionLookupException extends Exception {

    public ConnectionLookupException(String message) {
        super(message);
    }
}
