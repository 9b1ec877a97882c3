package io.aviary.agent.command;

/** The command side refused the registration (409: the name is bound to another hardware id). Fatal for the agent. */
public class RegistrationRejectedException extends RuntimeException {

    public RegistrationRejectedException(String message) {
        super(message);
    }
}
