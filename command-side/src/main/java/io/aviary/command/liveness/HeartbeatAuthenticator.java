package io.aviary.command.liveness;

import java.util.Optional;

/** Decides whether a heartbeat record may speak for the worker it is keyed by. */
@FunctionalInterface
public interface HeartbeatAuthenticator {

    /** The Kafka record header carrying the agent's access token, as {@code Bearer <jwt>}. */
    String HEADER = "authorization";

    /**
     * @param workerId      the record key
     * @param authorization the {@value #HEADER} header, or {@code null} if missing
     * @return why the record is refused, empty if it is accepted
     */
    Optional<String> refusal(String workerId, String authorization);
}
