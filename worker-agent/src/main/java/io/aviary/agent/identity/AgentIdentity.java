package io.aviary.agent.identity;

/**
 * Who this agent is, as persisted in {@code identity.json} of its state dir.
 *
 * @param name       worker name
 * @param workerId   worker id (the command side derives it from the name)
 * @param hardwareId {@code sha256:...} id of the machine, see {@link HardwareIdResolver}
 */
public record AgentIdentity(String name, String workerId, String hardwareId) {
}
