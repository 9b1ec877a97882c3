package io.aviary.command.agent;

/**
 * Answer of {@code POST /api/v1/agents/enrol}.
 *
 * @param workerId    the agent's worker id
 * @param agentSecret its long-lived secret: keep it (file mode 0600), it is shown once and stored only hashed
 * @param accessToken an access token
 * @param expiresIn   the access token's lifetime in seconds
 * @param tokenType   always {@code Bearer}
 */
public record EnrolResponse(String workerId, String agentSecret, String accessToken, long expiresIn,
                            String tokenType) {

    @Override
    public String toString() {
        return "EnrolResponse[" + workerId + "]";
    }
}
