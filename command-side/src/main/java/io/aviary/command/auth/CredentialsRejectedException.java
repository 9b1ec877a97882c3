package io.aviary.command.auth;

/**
 * Login, refresh or agent credentials were not accepted. The REST layer answers 401 with the message, which never
 * says which part was wrong (an unknown user and a wrong password read the same).
 */
public class CredentialsRejectedException extends RuntimeException {

    public CredentialsRejectedException(String message) {
        super(message);
    }
}
