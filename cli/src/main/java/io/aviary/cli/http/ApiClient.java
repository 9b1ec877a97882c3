package io.aviary.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Calls the APIs as the logged-in user and answers the JSON body; an error status becomes an {@link ApiException}
 * whose exit code follows {@link io.aviary.cli.ExitCodes#forStatus}. A 401 is retried once with a refreshed token.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Endpoints endpoints;
    private final Session session;
    private final HttpTransport http;

    public ApiClient(Endpoints endpoints, Session session, HttpTransport http) {
        this.endpoints = endpoints;
        this.session = session;
        this.http = http;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public Session session() {
        return session;
    }

    public JsonNode get(Api api, String path) {
        return call("GET", api, path, null, true);
    }

    /** @param body a JSON-serializable object, or {@code null} to send no body */
    public JsonNode post(Api api, String path, Object body) {
        return call("POST", api, path, body, true);
    }

    public JsonNode put(Api api, String path, Object body) {
        return call("PUT", api, path, body, true);
    }

    /** Without a token: login and logout. */
    public JsonNode postAnonymous(Api api, String path, Object body) {
        return call("POST", api, path, body, false);
    }

    private JsonNode call(String method, Api api, String path, Object body, boolean authenticated) {
        String url = endpoints.base(api) + path;
        String json = body == null ? null : write(body);
        String token = authenticated ? session.accessToken() : null;
        HttpTransport.Response response = http.send(method, url, token, json);
        if (authenticated && response.status() == 401) {
            token = session.renewAfterUnauthorized(token);
            response = http.send(method, url, token, json);
        }
        if (!response.ok()) {
            throw ApiException.of(response);
        }
        return read(response.body());
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String body) {
        if (body.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(body);
        }
    }
}
