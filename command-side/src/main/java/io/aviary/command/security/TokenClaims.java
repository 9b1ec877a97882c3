package io.aviary.command.security;

/** Names of the claims of Aviary's access tokens (shared contract with query-side and agents). */
public final class TokenClaims {

    /** Role names, without the {@code ROLE_} prefix. */
    public static final String ROLES = "roles";
    /** Login name of a person, or the worker name of an agent. */
    public static final String PREFERRED_USERNAME = "preferred_username";
    /** The worker an agent (or a WORKER person) acts as. */
    public static final String WORKER_ID = "workerId";
    /** The hardware an agent is enrolled on. */
    public static final String HARDWARE_ID = "hardwareId";
    /** The header every agent request carries its hardware id in. */
    public static final String HARDWARE_ID_HEADER = "X-Aviary-Hardware-Id";

    private TokenClaims() {
    }
}
