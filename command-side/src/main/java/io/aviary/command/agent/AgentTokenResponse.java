package io.aviary.command.agent;

/**
 * Answer of {@code POST /api/v1/agents/token}.
 *
 * @param accessToken the access token
 * @param expiresIn   its lifetime in seconds
 * @param tokenType   always {@code Bearer}
 */
public record AgentTokenResponse(String accessToken, long expiresIn, String tokenType) {

    @Override
    public String toString() {
        return "AgentTokenResponse[expiresIn=" + expiresIn + "]";
    }
}
