package io.aviary.agent.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.agent.command.CommandSession;
import io.aviary.agent.command.TransientCommandApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a service connection by name: {@code GET {command}/api/v1/connections/{name}/secret} with the agent's
 * token (role AGENT on the command side). AREA tasks carry only the connection's name, because a task's payload is in
 * an event and events are kept forever.
 *
 * <p>An answer is cached for {@link #CACHE_TTL}: an AREA firing every second does not ask every second, and a changed
 * or deleted connection takes effect within that time. Failures are not cached. Nothing here logs a secret or an
 * answer body: only names, types and statuses.
 *
 * <p>The look-up is not retried: a failure fails the attempt, and the AREA's retry policy decides what follows.
 */
public final class ConnectionSecrets {

    /** How long an answer is reused. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ConnectionSecrets.class);

    private record Cached(ConnectionSecret secret, Instant fetchedAt) {
    }

    private final CommandSession session;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ConnectionSecrets(CommandSession session, ObjectMapper json, Clock clock) {
        this.session = session;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The credential of a connection.
     *
     * @throws ConnectionLookupException unknown connection, refused, unreachable command side, unreadable answer
     * @throws InterruptedException      when the attempt is stopped meanwhile
     */
    public ConnectionSecret resolve(String name) throws ConnectionLookupException, InterruptedException {
        if (name == null || name.isBlank()) {
            throw new ConnectionLookupException("connection name is empty");
        }
        Instant now = clock.instant();
        Cached cached = cache.get(name);
        if (cached != null && now.isBefore(cached.fetchedAt().plus(CACHE_TTL))) {
            return cached.secret();
        }
        ConnectionSecret secret = fetch(name);
        cache.put(name, new Cached(secret, now));
        return secret;
    }

    private ConnectionSecret fetch(String name) throws ConnectionLookupException, InterruptedException {
        String path = "/api/v1/connections/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                + "/secret";
        HttpResponse<String> response;
        try {
            response = session.client().get(path);
        } catch (TransientCommandApiException e) {
            throw new ConnectionLookupException("connection '" + name + "': command side not reachable ("
                    + e.getMessage() + ")");
        }
        int status = response.statusCode();
        if (status == 404) {
            throw new ConnectionLookupException("connection '" + name + "' does not exist");
        }
        if (status / 100 != 2) {
            throw new ConnectionLookupException("connection '" + name + "' refused by the command side (HTTP "
                    + status + ")");
        }
        ConnectionSecret secret = parse(name, response.body());
        log.debug("Connection '{}' resolved (type {})", name, secret.type());
        return secret;
    }

    /** Reads the answer; an error names no part of the body, which holds the secret. */
    private ConnectionSecret parse(String name, String body) throws ConnectionLookupException {
        JsonNode answer;
        try {
            answer = json.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new ConnectionLookupException("connection '" + name + "': the command side's answer is not JSON");
        }
        if (answer == null || !answer.isObject()) {
            throw new ConnectionLookupException("connection '" + name + "': the command side's answer is no object");
        }
        return new ConnectionSecret(name, text(answer, "type"), text(answer, "token"), text(answer, "username"),
                text(answer, "password"));
    }

    private static String text(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
