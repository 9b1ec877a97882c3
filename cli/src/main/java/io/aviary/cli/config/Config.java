package io.aviary.cli.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * The content of the config file: the servers last logged in to, and the login's tokens.
 *
 * @param commandUrl           command API base URL
 * @param queryUrl             query API base URL
 * @param projectionsUrl       projections (rebuild) API base URL
 * @param username             who logged in
 * @param accessToken          the current access token (a JWT)
 * @param refreshToken         the refresh token; it works once, each refresh answers a new one
 * @param accessTokenExpiresAt when the access token expires (ISO-8601)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Config(String commandUrl, String queryUrl, String projectionsUrl, String username, String accessToken,
                     String refreshToken, String accessTokenExpiresAt) {

    public static final Config EMPTY = new Config(null, null, null, null, null, null, null);

    public boolean loggedIn() {
        return refreshToken != null || accessToken != null;
    }

    public Instant expiresAt() {
        return accessTokenExpiresAt == null ? null : Instant.parse(accessTokenExpiresAt);
    }

    public Config withServers(String command, String query, String projections) {
        return new Config(command, query, projections, username, accessToken, refreshToken, accessTokenExpiresAt);
    }

    public Config withLogin(String user, String access, String refresh, Instant expiresAt) {
        return new Config(commandUrl, queryUrl, projectionsUrl, user, access, refresh,
                expiresAt == null ? null : expiresAt.toString());
    }

    /** Keeps the servers (the next login goes to the same place), forgets the tokens. */
    public Config withoutLogin() {
        return new Config(commandUrl, queryUrl, projectionsUrl, null, null, null, null);
    }

    @Override
    public String toString() {
        return "Config[" + commandUrl + ", " + username + "]"; // never the tokens
    }
}
