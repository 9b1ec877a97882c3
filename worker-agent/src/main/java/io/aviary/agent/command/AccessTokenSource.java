package io.aviary.agent.command;

/** Where the command API client gets the agent's access token from. */
public interface AccessTokenSource {

    /** The current access token; never blocks. */
    String accessToken();

    /**
     * The command side refused {@code rejected} (401): a new token, fetched now unless another caller already
     * replaced it.
     */
    String renewAfterRejection(String rejected) throws InterruptedException;
}
