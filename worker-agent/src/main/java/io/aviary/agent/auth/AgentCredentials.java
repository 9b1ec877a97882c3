package io.aviary.agent.auth;

/**
 * What the agent keeps from its enrolment, in {@code <stateDir>/credentials.json} (mode 0600), to get access tokens
 * without a new enrolment token.
 *
 * @param workerId    the worker the agent was enrolled as
 * @param agentSecret the secret the command side issued (it stores only a hash)
 * @param hardwareId  the hardware id the agent enrolled with; every token request must name it
 */
public record AgentCredentials(String workerId, String agentSecret, String hardwareId) {

    /** Without the secret: records end up in logs. */
    @Override
    public String toString() {
        return "AgentCredentials[workerId=" + workerId + ", hardwareId=" + hardwareId + ", agentSecret=***]";
    }
}
