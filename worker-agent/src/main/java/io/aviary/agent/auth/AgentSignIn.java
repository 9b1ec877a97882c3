package io.aviary.agent.auth;

import io.aviary.agent.identity.AgentIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * How an agent gets its first access token. With saved credentials: a token for them (no enrolment token needed,
 * so restarts are unattended). Without: an enrolment with the one-time {@code AVIARY_AGENT_ENROLMENT_TOKEN}, whose
 * credentials are saved at once. Neither: fatal, saying how to get an enrolment token.
 */
public final class AgentSignIn {

    private static final Logger log = LoggerFactory.getLogger(AgentSignIn.class);

    private final CredentialsStore store;
    private final AgentAuthClient client;
    private final String enrolmentToken;

    /** @param enrolmentToken the one-time token, or blank */
    public AgentSignIn(CredentialsStore store, AgentAuthClient client, String enrolmentToken) {
        this.store = store;
        this.client = client;
        this.enrolmentToken = enrolmentToken == null ? "" : enrolmentToken.trim();
    }

    /** The credentials in use and a first access token for them. */
    public record SignedIn(AgentCredentials credentials, AccessToken accessToken) {
    }

    public SignedIn signIn(AgentIdentity identity) throws InterruptedException {
        Optional<AgentCredentials> saved = store.load();
        if (saved.isPresent() && belongsTo(saved.get(), identity)) {
            log.info("Signing in as worker {} with the credentials in {}", saved.get().workerId(), store.file());
            return new SignedIn(saved.get(), client.token(saved.get()));
        }
        if (saved.isPresent()) {
            String mismatch = store.file() + " holds credentials of worker " + saved.get().workerId() + " on hardware "
                    + saved.get().hardwareId() + ", but this agent is worker " + identity.workerId() + " on hardware "
                    + identity.hardwareId();
            if (enrolmentToken.isEmpty()) {
                throw new AgentAuthException(mismatch + ". Restore the agent's own state dir, or set "
                        + "AVIARY_AGENT_ENROLMENT_TOKEN to enrol it anew.");
            }
            log.warn("{}: enrolling anew with AVIARY_AGENT_ENROLMENT_TOKEN", mismatch);
        } else if (enrolmentToken.isEmpty()) {
            throw new AgentAuthException("No agent credentials in " + store.file() + " and no "
                    + "AVIARY_AGENT_ENROLMENT_TOKEN: ask an admin for an enrolment token (POST "
                    + "/api/v1/agents/enrolment-tokens) and start the agent once with "
                    + "AVIARY_AGENT_ENROLMENT_TOKEN set.");
        }
        log.info("Enrolling '{}' (hardware id {}) with the enrolment token", identity.name(), identity.hardwareId());
        AgentAuthClient.Enrolment enrolment = client.enrol(enrolmentToken, identity.name(), identity.hardwareId());
        // Saved before anything else can fail: the enrolment token is spent now, the credentials must not be lost.
        store.save(enrolment.credentials());
        log.info("Enrolled as worker {}; credentials saved in {} (the enrolment token is not needed again)",
                enrolment.credentials().workerId(), store.file());
        return new SignedIn(enrolment.credentials(), enrolment.accessToken());
    }

    /**
     * Saved credentials are this agent's when they name its hardware id and its worker (the worker id is derived from
     * the name, so a renamed agent on the same state dir needs a new enrolment).
     */
    private static boolean belongsTo(AgentCredentials credentials, AgentIdentity identity) {
        return credentials.hardwareId().equals(identity.hardwareId())
                && credentials.workerId().equals(identity.workerId());
    }
}
