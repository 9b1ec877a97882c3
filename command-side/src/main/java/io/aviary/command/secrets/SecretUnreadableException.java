package io.aviary.command.secrets;

/** A stored secret cannot be decrypted: another key, or altered. The message names no secret. */
public class SecretUnreadableException extends RuntimeException {

    public SecretUnreadableException(String message) {
        super(message);
    }
}
