package io.aviary.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.cli.CliException;
import io.aviary.cli.config.Config;
import io.aviary.cli.config.ConfigStore;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The login kept in the config file. Hands out a valid access token, refreshing it with the refresh token shortly
 * before it expires or after a 401, and stores every new pair at once: a refresh token works only once, and the
 * server revokes the whole login when a spent one is presented again. Synchronized for the same reason: two threads
 * (a bulk submit) must never refresh with the same token.
 */
public final class Session {

    /** Refresh this long before the expiry, so a token does not expire between the check and the server. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigStore store;
    private final HttpTransport http;
    private final Clock clock;
    private final String commandUrl;
    private Config config;

    public Session(ConfigStore store, Config config, HttpTransport http, Clock clock, String commandUrl) {
        this.store = store;
        this.config = config;
        this.http = http;
        this.clock = clock;
        this.commandUrl = commandUrl;
    }

    /** A token to send now, refreshed first when it expires within the margin. */
    public synchronized String accessToken() {
        if (!config.loggedIn()) {
            throw CliException.notLoggedIn("Not logged in: run `aviary login`");
        }
        if (config.accessToken() == null || expiresSoon()) {
            refresh();
        }
        return config.accessToken();
    }

    /** After a 401 for {@code rejected}: refresh, unless another thread did since that token was handed out. */
    public synchronized String renewAfterUnauthorized(String rejected) {
        if (rejected.equals(config.accessToken())) {
            refresh();
        }
        return config.accessToken();
    }

    /** Stores the answer of a login, with the servers it came from. */
    public synchronized void loggedIn(String username, JsonNode tokenPair, Endpoints endpoints) {
        config = config.withServers(endpoints.commandUrl(), endpoints.queryUrl(), endpoints.projectionsUrl());
        store(username, tokenPair);
    }

    /** Forgets the tokens (the server URLs stay for the next login). */
    public synchronized void loggedOut() {
        config = config.withoutLogin();
        store.save(config);
    }

    public synchronized Config config() {
        return config;
    }

    private boolean expiresSoon() {
        Instant expiresAt = config.expiresAt();
        return expiresAt != null && !clock.instant().plus(EXPIRY_MARGIN).isBefore(expiresAt);
    }

    private void refresh() {
        if (config.refreshToken() == null) {
            throw CliException.notLoggedIn("The login has expired: run `aviary login`");
        }
        HttpTransport.Response response = http.send("POST", commandUrl + "/api/v1/auth/refresh", null,
                json(Map.of("refreshToken", config.refreshToken())));
        if (response.ok()) {
            store(config.username(), parse(response.body()));
            return;
        }
        if (response.status() == 400 || response.status() == 401) {
            // spent, revoked or expired: this login is over, and keeping the token would only fail again
            String why = Problems.line(response.status(), response.body());
            config = config.withoutLogin();
            store.save(config);
            throw CliException.notLoggedIn("The login has ended (" + why + "): run `aviary login`");
        }
        throw ApiException.of(response);
    }

    private void store(String username, JsonNode pair) {
        String access = pair.path("accessToken").asText(null);
        String refresh = pair.path("refreshToken").asText(null);
        Instant expiresAt = Jwt.expiresAt(access);
        if (expiresAt == null && pair.path("expiresIn").isNumber()) {
            expiresAt = clock.instant().plusSeconds(pair.path("expiresIn").asLong());
        }
        config = config.withLogin(username, access, refresh, expiresAt);
        store.save(config);
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ApiException(502, "The token answer is not JSON");
        }
    }
}
