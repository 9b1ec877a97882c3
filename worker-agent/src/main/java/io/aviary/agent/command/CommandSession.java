package io.aviary.agent.command;

/**
 * The command API client of the running agent, once it has signed in. Executors that call the command side (the
 * connection look-up) are created before the agent signs in, so they reach the client through this holder.
 */
public final class CommandSession {

    private volatile CommandApiClient client;

    /** Called by the agent after sign-in. */
    public void signedIn(CommandApiClient signedIn) {
        this.client = signedIn;
    }

    /**
     * The signed-in client.
     *
     * @throws IllegalStateException before sign-in (no task runs before it)
     */
    public CommandApiClient client() {
        CommandApiClient current = client;
        if (current == null) {
            throw new IllegalStateException("the agent has not signed in to the command side yet");
        }
        return current;
    }
}
