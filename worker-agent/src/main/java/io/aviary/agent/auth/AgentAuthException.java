package io.aviary.agent.auth;

/**
 * The agent cannot get credentials or tokens: no credentials and no enrolment token, an enrolment token refused, or
 * saved credentials refused. Fatal: the agent exits with a configuration error and says what to do.
 */
public class AgentAuthException extends RuntimeException {

    public AgentAuthException(String message) {
        super(message);
    }
}
