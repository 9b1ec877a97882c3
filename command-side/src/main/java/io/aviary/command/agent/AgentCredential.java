package io.aviary.command.agent;

/**
 * A row of {@code agent_credentials}.
 *
 * @param workerId   the worker the agent is ({@code WorkerIds.forName(name)})
 * @param name       its worker name
 * @param hardwareId the hardware it enrolled on
 * @param secretHash SHA-256 of its agent secret
 */
record AgentCredential(String workerId, String name, String hardwareId, String secretHash) {

    @Override
    public String toString() {
        return "AgentCredential[" + workerId + ", " + name + "]"; // never the hash in a log line
    }
}
