package io.aviary.command.agent;

import io.aviary.command.CommandRejectedException;
import io.aviary.command.agent.EnrolmentTokens.SpentToken;
import io.aviary.command.auth.AccessToken;
import io.aviary.command.auth.AccessTokenIssuer;
import io.aviary.command.auth.CredentialsRejectedException;
import io.aviary.command.auth.OpaqueTokens;
import io.aviary.command.auth.TokenSubject;
import io.aviary.command.security.AuthProperties;
import io.aviary.command.security.ForbiddenException;
import io.aviary.command.security.SecurityClock;
import io.aviary.command.security.SecurityLog;
import io.aviary.events.user.Role;
import io.aviary.events.worker.WorkerIds;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Agent credentials: one-time enrolment tokens (created by an admin), enrolment (token + name + hardware id ->
 * a long-lived agent secret), and access tokens for enrolled agents. Every secret is stored as a SHA-256 hash.
 */
@Service
public class AgentEnrolment {

    private final EnrolmentTokens enrolmentTokens;
    private final AgentCredentials credentials;
    private final AccessTokenIssuer issuer;
    private final AuthProperties properties;
    private final SecurityClock clock;

    AgentEnrolment(EnrolmentTokens enrolmentTokens, AgentCredentials credentials, AccessTokenIssuer issuer,
                   AuthProperties properties, SecurityClock clock) {
        this.enrolmentTokens = enrolmentTokens;
        this.credentials = credentials;
        this.issuer = issuer;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new one-time enrolment token, optionally bound to one worker name. */
    @Transactional
    public IssuedEnrolmentToken createEnrolmentToken(String name, Duration ttl, String createdBy) {
        Instant now = clock.now();
        Instant expiresAt = now.plus(ttl != null ? ttl : properties.enrolmentTokenTtl());
        String token = OpaqueTokens.newToken();
        enrolmentTokens.insert(OpaqueTokens.hash(token), name, createdBy, now, expiresAt);
        return new IssuedEnrolmentToken(token, expiresAt);
    }

    /**
     * Spends the enrolment token and enrols the agent. Anything refused rolls back, so the token stays unspent.
     *
     * @throws CredentialsRejectedException the token is unknown, spent or expired (401)
     * @throws ForbiddenException           the token is bound to another name (403)
     * @throws CommandRejectedException     the name is enrolled on other hardware (409)
     */
    @Transactional
    public Enrolled enrol(String enrolmentToken, String name, String hardwareId) {
        Instant now = clock.now();
        String workerId = WorkerIds.forName(name);
        Optional<SpentToken> spent = enrolmentTokens.spend(OpaqueTokens.hash(enrolmentToken), workerId, now);
        if (spent.isEmpty()) {
            SecurityLog.refused("Enrolment of '{}' refused: the enrolment token is unknown, spent or expired", name);
            throw new CredentialsRejectedException("The enrolment token is unknown, spent or expired");
        }
        String boundName = spent.get().boundName();
        if (boundName != null && !boundName.equals(name)) {
            SecurityLog.refused("Enrolment of '{}' refused: the token is for '{}'", name, boundName);
            throw new ForbiddenException("This enrolment token is for another worker name");
        }
        String secret = OpaqueTokens.newToken();
        if (!credentials.save(new AgentCredential(workerId, name, hardwareId, OpaqueTokens.hash(secret)), now)) {
            SecurityLog.refused("Enrolment of '{}' refused: it is enrolled on other hardware", name);
            throw new CommandRejectedException("Worker name '" + name + "' is enrolled on another hardware id");
        }
        SecurityLog.notice("Agent '{}' ({}) enrolled", name, workerId);
        return new Enrolled(workerId, secret, issuer.issue(subject(workerId, name, hardwareId)));
    }

    /**
     * An access token for an enrolled agent.
     *
     * @throws CredentialsRejectedException unknown worker or wrong secret (401)
     * @throws ForbiddenException           the hardware id is not the enrolled one (403, logged)
     */
    public AccessToken token(String workerId, String agentSecret, String hardwareId) {
        AgentCredential credential = credentials.find(workerId)
                .filter(found -> OpaqueTokens.sameHash(found.secretHash(), OpaqueTokens.hash(agentSecret)))
                .orElseThrow(() -> new CredentialsRejectedException("Unknown agent or wrong agent secret"));
        if (!credential.hardwareId().equals(hardwareId)) {
            SecurityLog.refused("Agent token refused: worker {} ('{}') asked from hardware other than its enrolled "
                    + "one", workerId, credential.name());
            throw new ForbiddenException("The hardware id is not the one this agent enrolled with");
        }
        return issuer.issue(subject(workerId, credential.name(), hardwareId));
    }

    private static TokenSubject subject(String workerId, String name, String hardwareId) {
        return new TokenSubject(workerId, name, Set.of(Role.AGENT), workerId, hardwareId);
    }

    /**
     * A created enrolment token.
     *
     * @param token     the one-time token (shown once)
     * @param expiresAt when it stops working
     */
    public record IssuedEnrolmentToken(String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "IssuedEnrolmentToken[expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * A completed enrolment.
     *
     * @param workerId    the agent's worker id
     * @param agentSecret its long-lived secret (shown once)
     * @param accessToken its first access token
     */
    public record Enrolled(String workerId, String agentSecret, AccessToken accessToken) {

        @Override
        public String toString() {
            return "Enrolled[" + workerId + "]";
        }
    }
}
